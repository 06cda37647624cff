import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toYamlText } from './yaml-text';

describe('toYamlText', () => {
  it('quotes every string YAML 1.1 would read as something else', () => {
    const hostile = [
      'no',
      'Yes',
      'on',
      'OFF',
      'y',
      '0755',
      '1:20',
      '1e3',
      '0x1F',
      'null',
      '~',
      '',
      ' lead',
      'a: b',
      '#x',
      '- x',
      '{x}',
      '[x]',
      '*ref',
      '&a',
      '!tag',
      '%x',
      '@x',
      '`x',
      "it's",
      'say "hi"',
      'line\nbreak',
      'tab\there',
    ];
    const text = toYamlText({ values: hostile });
    expect((parse(text, { version: '1.1' }) as { values: string[] }).values).toEqual(hostile);
  });

  it('keeps numbers and booleans as such', () => {
    expect(toYamlText({ honor_labels: true, modulus: 8 })).toBe('honor_labels: true\nmodulus: 8\n');
  });

  it('keeps long expressions on one line', () => {
    const expr = `${'a_metric_name + '.repeat(20)}1`;
    expect(toYamlText({ expr })).toBe(`expr: ${expr}\n`);
  });

  it('writes chosen lists inline and others as blocks', () => {
    const text = toYamlText(
      { source_labels: ['a', 'b'], params: { module: ['m'] }, targets: ['t'] },
      { flowListKeys: ['source_labels'], flowListParents: ['params'] },
    );
    expect(text).toBe('source_labels: [a, b]\nparams:\n  module: [m]\ntargets:\n  - t\n');
  });

  it('quotes inline list items that would break the flow syntax', () => {
    const text = toYamlText({ source_labels: ['a,b', ']', 'x'] }, { flowListKeys: ['source_labels'] });
    expect((parse(text) as { source_labels: string[] }).source_labels).toEqual(['a,b', ']', 'x']);
  });

  it('puts the header comment first, each line prefixed', () => {
    expect(toYamlText({ a: 'b' }, { headerComment: 'one\ntwo' })).toBe('# one\n# two\n\na: b\n');
  });

  it('gives the same text for the same input', () => {
    const value = { b: ['1', '2'], a: { c: 'd' } };
    expect(toYamlText(value)).toBe(toYamlText(structuredClone(value)));
  });
});
