import { describe, expect, it } from 'vitest';
import { PromsteadError, type MetricFamily } from '../contract';
import {
  compileDropRule,
  dropRuleToRelabel,
  escapeRegex,
  formatSeries,
  matchesDropRule,
  metricPatternForFamily,
  previewDropRules,
} from './index';
import { compileMatcher } from './re2-match';
import { parsePattern } from './re2-syntax';

const cpu = (mode: string, cpuId = '0'): { name: string; labels: Record<string, string> } => ({
  name: 'node_cpu_seconds_total',
  labels: { cpu: cpuId, mode },
});

describe('dropRuleToRelabel', () => {
  it('turns a plain name into a __name__ drop, readable as written', () => {
    expect(dropRuleToRelabel({ metric: 'go_gc_duration_seconds' })).toEqual({
      source_labels: ['__name__'],
      regex: 'go_gc_duration_seconds',
      action: 'drop',
    });
  });

  it('joins the name and the labels (sorted) with U+001F, which no part can match', () => {
    expect(dropRuleToRelabel({ metric: 'node_cpu_.*', labels: { mode: 'idle|iowait', cpu: '.+' } })).toEqual({
      source_labels: ['__name__', 'cpu', 'mode'],
      separator: '\u001f',
      regex: 'node_cpu_[^\\x1F]*\\x1F[^\\x1F]+\\x1F(?:idle|iowait)',
      action: 'drop',
    });
  });

  it('scopes a rule to one target with exact labels, escaped', () => {
    const relabel = dropRuleToRelabel({ metric: 'up' }, { instance: '10.0.0.5:9100' });
    expect(relabel.source_labels).toEqual(['__name__', 'instance']);
    expect(relabel.regex).toBe('up\\x1F10\\.0\\.0\\.5:9100');
  });
});

describe('matchesDropRule', () => {
  it('drops only the series whose name and every named label match, each anchored', () => {
    const rule = { metric: 'node_cpu_seconds_total', labels: { mode: 'idle' } };
    expect(matchesDropRule(cpu('idle'), rule)).toBe(true);
    expect(matchesDropRule(cpu('idle_x'), rule)).toBe(false);
    expect(matchesDropRule(cpu('user'), rule)).toBe(false);
    expect(matchesDropRule({ name: 'node_cpu_seconds_total_x', labels: { mode: 'idle' } }, rule)).toBe(false);
  });

  it('reads a missing label as the empty value, as Prometheus does', () => {
    expect(matchesDropRule({ name: 'x', labels: {} }, { metric: 'x', labels: { device: '' } })).toBe(true);
    expect(matchesDropRule({ name: 'x', labels: {} }, { metric: 'x', labels: { device: '.+' } })).toBe(false);
  });

  it('never drops across a separator hidden in a value', () => {
    // Joined, "a\u001fidle" would let a naive `.*\u001fidle` reach into the value.
    const rule = { metric: 'x', labels: { a: '.*', b: 'idle' } };
    expect(matchesDropRule({ name: 'x', labels: { a: 'p\u001fidle', b: 'user' } }, rule)).toBe(false);
    expect(matchesDropRule({ name: 'x', labels: { a: 'p', b: 'idle' } }, rule)).toBe(true);
  });

  it('treats redundant ^ and $ as the anchors they repeat', () => {
    expect(matchesDropRule(cpu('idle'), { metric: '^node_cpu_.*$', labels: { mode: '^idle$|^user$' } })).toBe(
      true,
    );
  });

  it('folds case under a leading (?i), as RE2 does (Kelvin sign included)', () => {
    const rule = { metric: 'x', labels: { unit: '(?i)kb' } };
    expect(matchesDropRule({ name: 'x', labels: { unit: 'KB' } }, rule)).toBe(true);
    expect(matchesDropRule({ name: 'x', labels: { unit: '\u212Ab' } }, rule)).toBe(true);
    expect(matchesDropRule({ name: 'x', labels: { unit: 'kbit' } }, rule)).toBe(false);
  });
});

describe('drop rule validation', () => {
  const refused: [string, RegExp][] = [
    ['a(?=b)', /lookaround/],
    ['(?<!a)b', /lookaround/],
    ['(a)\\1', /backreferences/],
    ['a*+', /possessive/],
    ['a{2}{3}', /nested repetition/],
    ['(?>a)', /not RE2 syntax/],
    ['\\p{Greek}', /Unicode classes/],
    ['(?i)[\\W]', /\(\?i\) cannot be combined/],
    ['(?m)^a$', /\(\?m\)/],
    ['a\\Z', /invalid escape/],
    ['[a', /missing closing \]/],
    ['x{2,1}', /invalid repeat count/],
    ['((((a{1000}){1000})))', /expands too far|invalid repeat/],
    ['\ud800', /UTF-8/],
  ];
  for (const [pattern, reason] of refused) {
    it(`refuses ${JSON.stringify(pattern)} with a VALIDATION error naming the rule`, () => {
      const attempt = (): unknown => compileDropRule({ metric: 'node_load1', labels: { l: pattern } }, 2);
      expect(attempt).toThrow(PromsteadError);
      expect(attempt).toThrow(/^Drop rule 3 \(node_load1\), label l: /);
      expect(attempt).toThrow(reason);
    });
  }

  it('refuses labels Prometheus or Promstead set on every series of the target', () => {
    for (const label of ['job', 'instance', 'host', 'tier', '__name__']) {
      expect(() => compileDropRule({ metric: 'x', labels: { [label]: 'a' } })).toThrow(/cannot test/);
    }
  });

  it('accepts the RE2 that both sides read alike', () => {
    for (const pattern of [
      '[[:^alpha:]]+',
      '\\Qa.b\\E',
      '(?P<x>a)|b',
      '(?s:.)*',
      'a{,2}',
      '[]a-]',
      '(?U)a+?',
    ]) {
      expect(() => compileDropRule({ metric: 'x', labels: { l: pattern } })).not.toThrow();
    }
  });
});

describe('the matcher', () => {
  // JavaScript reads these patterns as RE2 does, so a RegExp is the reference here.
  const patterns = [
    'a|ab|abc',
    '(a|b)*c',
    'x{2,3}',
    '[^a-c]+z?',
    '.*_total',
    '(?:a*)*b',
    '\\d+\\.\\d{1,2}',
    'a\\b.*',
    '\\Bx',
  ];
  const inputs = [
    '',
    'a',
    'ab',
    'abc',
    'abab c',
    'aabbc',
    'xx',
    'xxxx',
    'dz',
    'é€😀',
    'node_total',
    'b',
    '12.5',
    'a b',
    'ax',
  ];
  for (const pattern of patterns) {
    it(`agrees with an anchored RegExp on ${pattern}`, () => {
      const matcher = compileMatcher(parsePattern(pattern));
      const reference = new RegExp(`^(?:${pattern})$`, 'su');
      for (const input of inputs) expect(matcher.matches(input), input).toBe(reference.test(input));
    });
  }

  it('answers a pattern that would make a backtracking engine run for ever', () => {
    const matcher = compileMatcher(parsePattern('(a*)*(a+)+b'));
    expect(matcher.matches('a'.repeat(5000))).toBe(false);
    expect(matcher.matches(`${'a'.repeat(5000)}b`)).toBe(true);
  });
});

describe('previewDropRules', () => {
  const families: MetricFamily[] = [
    {
      name: 'node_cpu_seconds_total',
      type: 'counter',
      help: '',
      unit: '',
      samples: ['idle', 'user', 'iowait']
        .flatMap((mode) => [cpu(mode, '0'), cpu(mode, '1')])
        .map((s) => ({ ...s, value: 1 })),
    },
    {
      name: 'http_duration_seconds',
      type: 'histogram',
      help: '',
      unit: '',
      samples: [
        { name: 'http_duration_seconds_bucket', labels: { le: '0.1' }, value: 1 },
        { name: 'http_duration_seconds_bucket', labels: { le: '+Inf' }, value: 2 },
        { name: 'http_duration_seconds_sum', labels: {}, value: 3 },
        { name: 'http_duration_seconds_count', labels: {}, value: 2 },
      ],
    },
  ];

  it('counts the series each rule takes and lists the ones that go', () => {
    const preview = previewDropRules(families, [
      { metric: 'node_cpu_seconds_total', labels: { mode: 'idle' } },
      { metric: 'node_cpu_.*', labels: { cpu: '1' } },
    ]);
    expect(preview).toEqual({
      seriesBefore: 10,
      seriesDropped: 4,
      perRule: [2, 3],
      dropped: [
        'node_cpu_seconds_total{cpu="0",mode="idle"}',
        'node_cpu_seconds_total{cpu="1",mode="idle"}',
        'node_cpu_seconds_total{cpu="1",mode="user"}',
        'node_cpu_seconds_total{cpu="1",mode="iowait"}',
      ],
    });
  });

  it('covers every series of a histogram with the family pattern', () => {
    const histogram = families[1] as MetricFamily;
    const pattern = metricPatternForFamily(histogram);
    expect(pattern).toBe('http_duration_seconds(?:_bucket|_count|_sum)');
    expect(previewDropRules(families, [{ metric: pattern }]).seriesDropped).toBe(4);
  });

  it('escapes names and values the way the text format prints them', () => {
    expect(formatSeries({ name: 'x', labels: { path: 'C:\\ "a"\nb' } })).toBe('x{path="C:\\\\ \\"a\\"\\nb"}');
    expect(escapeRegex('10.0.0.1:9100/a(b)')).toBe('10\\.0\\.0\\.1:9100/a\\(b\\)');
  });
});
