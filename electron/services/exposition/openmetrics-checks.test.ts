import { describe, expect, it } from 'vitest';
import { family, om, parseFailure } from './exposition-test-helpers';

describe('OpenMetrics: values per type', () => {
  it('accepts what each type allows', () => {
    const parsed = om(
      [
        '# TYPE c counter',
        'c_total 9223372036854775808',
        'c_created 1700000000',
        'c_total{x="inf"} +Inf',
        '# TYPE s summary',
        's{quantile="0"} NaN',
        's{quantile="0.5"} 0.7',
        's{quantile="1"} 0.8',
        's_sum 2',
        's_count 1',
        '# TYPE i info',
        'i_info{version="1.2"} 1',
        'i_info{version="1.3"} 1.0',
        '# TYPE st stateset',
        'st{st="a"} 0',
        'st{st="b"} 1.0',
        '# TYPE g gauge',
        'g -5',
        'g{x="n"} NaN',
        '# EOF',
        '',
      ].join('\n'),
    );
    expect(parsed.families.map((each) => [each.name, each.type, each.samples.length])).toEqual([
      ['c', 'counter', 3],
      ['s', 'summary', 5],
      ['i', 'info', 2],
      ['st', 'stateset', 2],
      ['g', 'gauge', 2],
    ]);
  });

  it.each([
    [
      '# TYPE a counter\na_total NaN\n# EOF\n',
      'line 2 col 9: a_total is a counter-like value and must not be NaN',
    ],
    ['# TYPE a counter\na_total -1\n# EOF\n', 'a_total is a counter-like value and must not be negative'],
    ['# TYPE a histogram\na_sum NaN\n# EOF\n', 'a_sum is a counter-like value and must not be NaN'],
    ['# TYPE a histogram\na_count NaN\n# EOF\n', 'must not be NaN'],
    ['# TYPE a histogram\na_bucket{le="+Inf"} NaN\n# EOF\n', 'must not be NaN'],
    ['# TYPE a histogram\na_sum -1\n# EOF\n', 'a_sum is a counter-like value and must not be negative'],
    ['# TYPE a histogram\na_count -1\n# EOF\n', 'must not be negative'],
    ['# TYPE a histogram\na_bucket{le="+Inf"} -1\n# EOF\n', 'must not be negative'],
    [
      '# TYPE a histogram\na_bucket{le="+Inf"} 0.5\n# EOF\n',
      'a_bucket{le="+Inf"} is a count and must be a whole number',
    ],
    ['# TYPE a gaugehistogram\na_bucket{le="+Inf"} NaN\n# EOF\n', 'must not be NaN'],
    ['# TYPE a gaugehistogram\na_bucket{le="+Inf"} -1\n# EOF\n', 'must not be negative'],
    [
      '# TYPE a gaugehistogram\na_bucket{le="+Inf"} 1\na_gsum NaN\n# EOF\n',
      'a_gsum is a counter-like value and must not be NaN',
    ],
    [
      '# TYPE a gaugehistogram\na_bucket{le="+Inf"} 1\na_gcount 0.5\n# EOF\n',
      'a_gcount is a count and must be a whole number',
    ],
    ['# TYPE a summary\na_sum NaN\n# EOF\n', 'must not be NaN'],
    ['# TYPE a summary\na_count -1\n# EOF\n', 'must not be negative'],
    ['# TYPE a summary\na_count 0.5\n# EOF\n', 'a_count is a count and must be a whole number'],
    [
      '# TYPE a summary\na{quantile="0.5"} -1\n# EOF\n',
      'a{quantile="0.5"} is a quantile value and must not be negative',
    ],
    ['# TYPE a summary\na 0\n# EOF\n', 'a needs a "quantile" label'],
    [
      '# TYPE a summary\na{quantile="-1"} 0\n# EOF\n',
      'the quantile of a{quantile="-1"} must be between 0 and 1',
    ],
    ['# TYPE a summary\na{quantile="1.01"} 0\n# EOF\n', 'must be between 0 and 1'],
    [
      '# TYPE a summary\na{quantile="foo"} 0\n# EOF\n',
      'the "quantile" label of a{quantile="foo"} must be a number, not "foo"',
    ],
    [
      '# TYPE a summary\na{quantile="NaN"} 0\n# EOF\n',
      'the "quantile" label of a{quantile="NaN"} must not be NaN',
    ],
    [
      '# TYPE a info\na_info{foo="bar"} 2\n# EOF\n',
      'a_info{foo="bar"} is an info metric: its value must be 1',
    ],
    ['# TYPE a info\na 1\n# EOF\n', 'clashes with an earlier family'],
    ['# TYPE a stateset\na{a="bar"} 2\n# EOF\n', 'a{a="bar"} is a stateset: its value must be 0 or 1'],
    ['# TYPE a stateset\na 0\n# EOF\n', 'a is a stateset: it needs a label named "a"'],
    ['# TYPE a histogram\na_bucket 0\n# EOF\n', 'a_bucket needs a "le" label'],
    ['# TYPE a gaugehistogram\na_bucket 0\n# EOF\n', 'a_bucket needs a "le" label'],
    ['# TYPE a histogram\na_bucket{le="+INF"} 0\n# EOF\n', 'must be written "+Inf", not "+INF"'],
    [
      '# TYPE a histogram\na_bucket{le="x"} 0\n# EOF\n',
      'the "le" label of a_bucket{le="x"} must be a number',
    ],
  ])('refuses %j', (input, message) => {
    expect(parseFailure(() => om(input))).toContain(message);
  });
});

describe('OpenMetrics: histogram points', () => {
  it('accepts sorted, cumulative buckets with any float spelling of le and a matching _count', () => {
    const parsed = om(
      '# TYPE a histogram\na_bucket{le="0"} 0\na_bucket{le="1e-04"} 0\na_bucket{le="1.1e-3"} 0\na_bucket{le="1"} 1\na_bucket{le="1e+05"} 2\na_bucket{le="+Inf"} 3\na_count 3\na_sum 2\na_created 1.5e9\n# EOF\n',
    );
    expect(family(parsed, 'a').samples).toHaveLength(9);
  });

  it('accepts negative buckets without _sum, and a gauge histogram whose negative _gsum has negative buckets', () => {
    expect(
      om('# TYPE a histogram\na_bucket{le="-1.0"} 0\na_bucket{le="1.0"} 1\na_bucket{le="+Inf"} 3\n# EOF\n')
        .seriesCount,
    ).toBe(3);
    expect(
      om(
        '# TYPE a gaugehistogram\na_bucket{le="-1.0"} 1\na_bucket{le="+Inf"} 3\na_gcount 3\na_gsum -5\n# EOF\n',
      ).seriesCount,
    ).toBe(4);
  });

  it('checks each label set as its own point', () => {
    expect(
      om('# TYPE a histogram\na_bucket{a="b",le="+Inf"} 0\na_bucket{a="c",le="+Inf"} 0\n# EOF\n').seriesCount,
    ).toBe(2);
  });

  it.each([
    ['# TYPE a histogram\na_sum 1\n# EOF\n', 'line 3 col 1: a has no le="+Inf" bucket'],
    ['# TYPE a histogram\na_bucket{le="1"} 0\n# EOF\n', 'a has no le="+Inf" bucket'],
    ['# TYPE a histogram\na_bucket{le="+Inf"} 0\na_sum 0\n# EOF\n', 'a has _sum but no _count'],
    ['# TYPE a histogram\na_bucket{le="+Inf"} 0\na_count 0\n# EOF\n', 'a has _count but no _sum'],
    [
      '# TYPE a histogram\na_bucket{le="+Inf"} 0\na_count 1\na_sum 0\n# EOF\n',
      'a: _count (1) differs from the +Inf bucket (0)',
    ],
    [
      '# TYPE a histogram\na_count 1\na_bucket{le="+Inf"} 0\na_sum 0\n# EOF\n',
      '_count (1) differs from the +Inf bucket (0)',
    ],
    [
      '# TYPE a histogram\na_bucket{le="-1"} 0\na_bucket{le="+Inf"} 0\na_sum 0\na_count 0\n# EOF\n',
      'has negative buckets, so it must not have a _sum',
    ],
    [
      '# TYPE a histogram\na_bucket{le="2"} 0\na_bucket{le="1"} 0\na_bucket{le="+Inf"} 0\n# EOF\n',
      'line 3 col 1: the buckets of a must come in increasing order of "le"',
    ],
    [
      '# TYPE a histogram\na_bucket{le="1"} 0\na_bucket{le="1"} 0\na_bucket{le="+Inf"} 0\n# EOF\n',
      'increasing order of "le"',
    ],
    [
      '# TYPE a histogram\na_bucket{le="1"} 1\na_bucket{le="2"} 1\na_bucket{le="+Inf"} 0\n# EOF\n',
      'the buckets of a must be cumulative',
    ],
    ['# TYPE a gaugehistogram\na_gsum 1\n# EOF\n', 'no le="+Inf" bucket'],
    ['# TYPE a gaugehistogram\na_bucket{le="+Inf"} 0\na_gsum 0\n# EOF\n', 'a has _gsum but no _gcount'],
    ['# TYPE a gaugehistogram\na_bucket{le="+Inf"} 0\na_gcount 0\n# EOF\n', 'a has _gcount but no _gsum'],
    [
      '# TYPE a gaugehistogram\na_bucket{le="+Inf"} 1\na_gsum -1\na_gcount 1\n# EOF\n',
      'a: _gsum is negative but no bucket is',
    ],
  ])('refuses %j', (input, message) => {
    expect(parseFailure(() => om(input))).toContain(message);
  });
});

describe('OpenMetrics: metric points and timestamps', () => {
  it('accepts increasing timestamps within a point, backwards ones across info samples, and sub-millisecond steps', () => {
    expect(om('# TYPE a gauge\na 1 1\na 2 2\n# EOF\n').seriesCount).toBe(2);
    expect(om('# TYPE a info\na_info{a="1"} 1 1\na_info{a="2"} 1 0\n# EOF\n').seriesCount).toBe(2);
    const steps = om(
      '# TYPE a gauge\na{x="1"} 1 0.0000000000\na{x="1"} 2 0.0000000001\na{x="2"} 4 0\n# EOF\n',
    );
    expect(steps.families[0]?.samples.map((sample) => sample.timestamp)).toEqual([0, 1e-7, 0]);
  });

  it.each([
    [
      '# TYPE a histogram\na_sum{a="1"} 0\na_sum{a="2"} 0\na_count{a="1"} 0\n# EOF\n',
      'line 4 col 1: the samples of a_count with these labels are not together',
    ],
    [
      '# TYPE a gaugehistogram\na_gsum{a="1"} 0\na_gsum{a="2"} 0\na_gcount{a="1"} 0\n# EOF\n',
      'are not together',
    ],
    ['# TYPE a counter\na_total{a="1"} 0\na_total{a="2"} 0\na_created{a="1"} 0\n# EOF\n', 'are not together'],
    [
      '# TYPE a gauge\na 0 -1\na 0 -2\n# EOF\n',
      'line 3 col 1: timestamps went backwards within a point of a',
    ],
    ['# TYPE a gauge\na 0 1.1\na 0 1\n# EOF\n', 'timestamps went backwards'],
    [
      '# TYPE a gauge\na 0\na 0 0\n# EOF\n',
      'line 3 col 1: the samples of one point mix lines with and without timestamps (a)',
    ],
    ['# TYPE a gauge\na 0 0\na 0\n# EOF\n', 'mix lines with and without timestamps'],
    [
      '# TYPE a summary\nquantile{quantile="0"} 0\na_sum{a="1"} 0\nquantile{quantile="1"} 0\n# EOF\n',
      'clashes with an earlier family',
    ],
  ])('refuses %j', (input, message) => {
    expect(parseFailure(() => om(input))).toContain(message);
  });
});
