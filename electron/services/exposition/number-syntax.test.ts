import { describe, expect, it } from 'vitest';
import { om, parseFailure, text } from './exposition-test-helpers';

function value(input: string): number {
  return text(`a ${input}\n`).families[0]?.samples[0]?.value ?? Number.NaN;
}

describe('sample values (Go ParseFloat as Prometheus uses it, in both formats)', () => {
  it.each([
    ['1', 1],
    ['-1', -1],
    ['+1', 1],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1.5e-3', 0.0015],
    ['-1.5E+3', -1500],
    ['0000000000000000000000000000000000000000001', 1],
    ['0000000000000000000000000000000000000000001.2e-1', 0.12],
    ['9223372036854775808', 9223372036854775808],
    ['0.1', 0.1],
    ['123456789012345678901234567890', 1.2345678901234568e29],
    ['2.2250738585072014e-308', 2.2250738585072014e-308],
    ['1e-400', 0],
  ])('reads %s', (input, expected) => {
    expect(value(input)).toBe(expected);
  });

  it.each([
    ['+Inf', Infinity],
    ['-Inf', -Infinity],
    ['Inf', Infinity],
    ['inf', Infinity],
    ['+infinity', Infinity],
    ['-INF', -Infinity],
  ])('reads the infinity %s in any case, as ParseFloat does', (input, expected) => {
    expect(value(input)).toBe(expected);
  });

  it.each(['NaN', 'nan', 'NAN'])('reads %s', (input) => {
    expect(value(input)).toBeNaN();
  });

  it.each([
    '1_000',
    '0x1p-3',
    '0x1P-3',
    '0x10',
    '0b1',
    '0o1',
    '1e',
    '.',
    '-',
    '+NaN',
    '-nan',
    'infin',
    'Infx',
    '1.1.1',
    'one',
    '1,5',
    '1e400',
    '-1e400',
  ])('refuses %s', (input) => {
    expect(parseFailure(() => text(`a ${input}\n`))).toMatch(/^line 1 col 3: /);
  });

  it('says what it expected and where', () => {
    expect(parseFailure(() => text('metric{a="b"} true\n'))).toBe(
      'line 1 col 15: expected a number as value, got "true"',
    );
    expect(parseFailure(() => text('a 1e400\n'))).toBe('line 1 col 3: value "1e400" is out of range');
  });

  it('reads the same grammar in OpenMetrics and refuses the same extensions', () => {
    expect(om('a 1.5e3\n# EOF\n').families[0]?.samples[0]?.value).toBe(1500);
    expect(om('a -Inf\n# EOF\n').families[0]?.samples[0]?.value).toBe(-Infinity);
    expect(om('a nan\n# EOF\n').families[0]?.samples[0]?.value).toBeNaN();
    for (const bad of ['1_2', '0x1p-3', '0b1', '0x1', '0o1', '+NaN'])
      expect(parseFailure(() => om(`a ${bad}\n# EOF\n`))).toMatch(/expected a number as value/);
  });
});

describe('timestamps', () => {
  it('are integer milliseconds in the text format', () => {
    const sample = text('a 1 1700000000123\n').families[0]?.samples[0];
    expect(sample?.timestamp).toBe(1700000000123);
    expect(text('a 1 0\n').families[0]?.samples[0]?.timestamp).toBe(0);
  });

  it.each(['1.5', '-1', '1e3', 'NaN', '12a', '9223372036854775808'])(
    'are refused in the text format as %s',
    (input) => {
      expect(parseFailure(() => text(`a 1 ${input}\n`))).toMatch(/^line 1 col 5: .*timestamp/);
    },
  );

  it('are float seconds in OpenMetrics, kept to the sub-millisecond as a float of milliseconds', () => {
    const samples = om(
      'a 1 1.5\na{b="c"} 1 000\na{b="d"} 1 1.5e3\na{b="e"} 1 -1\na{b="f"} 1 0.0000001\n# EOF\n',
    ).families[0]?.samples;
    expect(samples?.map((sample) => sample.timestamp)).toEqual([1500, 0, 1500000, -1000, 0.0001]);
  });

  it.each(['NaN', 'Inf', '+Inf', '-Inf', '0x1p-3', '1_2', 'z', '1z', '1.1.1'])(
    'are refused in OpenMetrics as %s',
    (input) => {
      expect(parseFailure(() => om(`a 1 ${input}\n# EOF\n`))).toMatch(/^line 1 col 5: /);
    },
  );
});
