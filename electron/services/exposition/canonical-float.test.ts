import { describe, expect, it } from 'vitest';
import { formatOpenMetricsFloat } from './canonical-float';
import { family, om, text } from './exposition-test-helpers';

describe('canonical le and quantile values, as Prometheus 3 stores them', () => {
  it.each([
    [1, '1.0'],
    [0, '0.0'],
    [-1, '-1.0'],
    [0.25, '0.25'],
    [10, '10.0'],
    [100000, '100000.0'],
    [1e6, '1e+06'],
    [1.5e6, '1.5e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.1e-7, '1.1e-07'],
    [1e23, '1e+23'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [Number.NaN, 'NaN'],
  ])('formats %d as %s', (value, expected) => {
    expect(formatOpenMetricsFloat(value)).toBe(expected);
  });

  it('rewrites le on histogram samples and quantile on summary samples, in both formats', () => {
    const parsed = text(
      '# TYPE h histogram\nh_bucket{le="1"} 0\nh_bucket{le="2.50"} 1\nh_bucket{le="+Inf"} 1\n# TYPE s summary\ns{quantile="0"} 1\ns{quantile="1e-2"} 1\n',
    );
    expect(family(parsed, 'h').samples.map((sample) => sample.labels.le)).toEqual(['1.0', '2.5', '+Inf']);
    expect(family(parsed, 's').samples.map((sample) => sample.labels.quantile)).toEqual(['0.0', '0.01']);
    const openMetrics = om('# TYPE h histogram\nh_bucket{le="1e-05"} 0\nh_bucket{le="+Inf"} 1\n# EOF\n');
    expect(family(openMetrics, 'h').samples.map((sample) => sample.labels.le)).toEqual(['1e-05', '+Inf']);
  });

  it('leaves other families and unparsable values alone', () => {
    const parsed = text(
      '# TYPE g gauge\ng{le="1"} 1\n# TYPE h histogram\nh_bucket{le="x"} 1\nu{quantile="1"} 1\n',
    );
    expect(parsed.families.map((each) => each.samples[0]?.labels)).toEqual([
      { le: '1' },
      { le: 'x' },
      { quantile: '1' },
    ]);
  });
});
