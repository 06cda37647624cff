import { describe, expect, it } from 'vitest';
import { failure, parseFailure } from './exposition-test-helpers';
import { ExpositionStreamParser, parseExposition } from './index';
import type { ParseOptions, ParsedExposition } from './index';

const textInput =
  '# HELP temp_celsius Température, in °C.\n# TYPE temp_celsius gauge\ntemp_celsius{room="séjour ☃",sensor="💡1"} 21.5 1700000000000\ntemp_celsius{room="cave"} -3\n# TYPE req_total counter\nreq_total{code="200"} 1027\nbare 1';
const openMetricsInput =
  '# TYPE req counter\n# HELP req Requêtes.\nreq_total{path="/é"} 3 1.5 # {trace="☃"} 1 2\nreq_created{path="/é"} 1.7e9 1.5\n# EOF\n';

function streamed(bytes: Uint8Array, options: ParseOptions, chunkSizes: readonly number[]): ParsedExposition {
  const parser = new ExpositionStreamParser(options);
  let offset = 0;
  for (let index = 0; offset < bytes.length; index++) {
    const size = chunkSizes[index % chunkSizes.length] ?? 1;
    parser.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return parser.end();
}

describe('whole and streamed parses agree', () => {
  it.each([
    ['prometheus-text', textInput],
    ['openmetrics', openMetricsInput],
  ] as const)(
    '%s: chunks cut anywhere, inside lines and UTF-8 sequences, give the whole parse',
    (format, input) => {
      const bytes = new TextEncoder().encode(input);
      const whole = parseExposition(bytes, { format });
      expect(parseExposition(input, { format })).toEqual(whole);
      for (const sizes of [[1], [2], [3], [5, 1, 7], [64], [bytes.length]])
        expect(streamed(bytes, { format }, sizes)).toEqual(whole);
      expect(whole.bytes).toBe(bytes.length);
    },
  );

  it('reports the same error, line and column whether whole or streamed', () => {
    const bytes = new TextEncoder().encode('a 1\nb{x="é"} 2\nc{x="é",} 3 oops\n');
    const whole = parseFailure(() => parseExposition(bytes, { format: 'prometheus-text' }));
    expect(whole).toBe('line 3 col 13: expected an integer as timestamp (milliseconds), got "oops"');
    expect(parseFailure(() => streamed(bytes, { format: 'prometheus-text' }, [1]))).toBe(whole);
  });

  it('counts sample lines as scrape_samples_scraped does, and bytes read', () => {
    const parsed = parseExposition('# HELP a x\n# TYPE a gauge\na 1\na{b="c"} 2\n\n# comment\n', {
      format: 'prometheus-text',
    });
    expect(parsed.seriesCount).toBe(2);
    expect(parsed.bytes).toBe(52);
  });
});

describe('invalid UTF-8', () => {
  it('comes second to an error on an earlier line, whole or streamed (the first error in the text wins)', () => {
    const bytes = Uint8Array.from([
      ...new TextEncoder().encode('a 1\nbroken{ 2\nc 3\nd{x="'),
      0xff,
      ...new TextEncoder().encode('"} 4\n'),
    ]);
    const whole = parseFailure(() => parseExposition(bytes, { format: 'prometheus-text' }));
    expect(whole).toBe('line 2 col 9: expected a label name, got "2"');
    for (const sizes of [[1], [3], [bytes.length]])
      expect(parseFailure(() => streamed(bytes, { format: 'prometheus-text' }, sizes))).toBe(whole);
  });

  const cases: [string, number[], string][] = [
    [
      'a lone continuation byte',
      [0x61, 0x7b, 0x62, 0x3d, 0x22, 0x80, 0x22, 0x7d, 0x20, 0x31, 0x0a],
      'line 1 col 6: invalid UTF-8 (byte 0x80)',
    ],
    [
      'an overlong encoding',
      [0x61, 0x20, 0x31, 0x0a, 0x23, 0x20, 0xc0, 0xaf, 0x0a],
      'line 2 col 3: invalid UTF-8 (byte 0xc0)',
    ],
    ['a surrogate', [0x23, 0x20, 0xed, 0xa0, 0x80, 0x0a], 'line 1 col 3: invalid UTF-8 (byte 0xed)'],
    [
      'a sequence cut off at the end',
      [0x61, 0x20, 0x31, 0x0a, 0x23, 0x20, 0xe2, 0x98],
      'line 2 col 3: invalid UTF-8 (a sequence cut off at the end)',
    ],
  ];

  it.each(cases)('refuses %s and says where, whole', (_name, bytes, message) => {
    expect(
      parseFailure(() => parseExposition(Uint8Array.from(bytes), { format: 'prometheus-text' })),
    ).toContain(message);
  });

  it.each(cases)('refuses %s and says where, byte by byte', (_name, bytes, message) => {
    expect(
      parseFailure(() => streamed(Uint8Array.from(bytes), { format: 'prometheus-text' }, [1])),
    ).toContain(message);
  });

  it('refuses it even in a text-format comment Prometheus would skip', () => {
    expect(
      parseFailure(() =>
        parseExposition(Uint8Array.from([0x23, 0x20, 0xff, 0x0a]), { format: 'prometheus-text' }),
      ),
    ).toContain('line 1 col 3: invalid UTF-8 (byte 0xff)');
  });
});

describe('limits', () => {
  it('stops with TOO_LARGE at the chunk that crosses maxBytes, before reading the rest', () => {
    const parser = new ExpositionStreamParser({ format: 'prometheus-text', maxBytes: 10 });
    parser.push(new TextEncoder().encode('a 1\n'));
    const error = failure(() => parser.push(new TextEncoder().encode('b 22222\n')));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toBe('The exposition is larger than the limit of 10 bytes.');
    expect(failure(() => parser.push(new TextEncoder().encode('c 1\n'))).code).toBe('INTERNAL');
  });

  it('stops with TOO_LARGE at the sample line past maxSeries', () => {
    const parser = new ExpositionStreamParser({ format: 'prometheus-text', maxSeries: 2 });
    parser.push(new TextEncoder().encode('# TYPE a gauge\na 1\na{b="c"} 2\n'));
    const error = failure(() => parser.push(new TextEncoder().encode('a{b="d"} 3\n')));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toBe('The exposition has more than the limit of 2 series.');
  });

  it('accepts exactly the limits, and applies maxBytes to a string as its UTF-8 length', () => {
    expect(
      parseExposition('a 1\nb 2\n', { format: 'prometheus-text', maxSeries: 2, maxBytes: 8 }).seriesCount,
    ).toBe(2);
    expect(
      failure(() => parseExposition('a{x="é"} 1\n', { format: 'prometheus-text', maxBytes: 11 })).code,
    ).toBe('TOO_LARGE');
  });

  it('reads a single line split over many chunks in linear time (a 2 MB label value, 1-byte chunks would be quadratic)', () => {
    const value = 'x'.repeat(2_000_000);
    const bytes = new TextEncoder().encode(`a{v="${value}"} 1\n`);
    const parsed = streamed(bytes, { format: 'prometheus-text' }, [1000]);
    expect(parsed.families[0]?.samples[0]?.labels.v).toHaveLength(2_000_000);
  });
});
