import { describe, expect, it } from 'vitest';
import { histogramQuantile, parseUpperBound, type Bucket } from './histogram-quantile';

function buckets(pairs: [string, number][]): Bucket[] {
  return pairs.map(([le, count]) => ({ upperBound: parseUpperBound(le) as number, count }));
}

// Expected values are what Prometheus answered (promtool test rules, Prometheus 2.42's
// histogram_quantile) for the same buckets; the classic-bucket algorithm is unchanged in 3.x.
const cases: Record<string, [string, number][]> = {
  typical: [
    ['0.1', 1],
    ['0.2', 3],
    ['0.5', 6],
    ['1', 8],
    ['+Inf', 10],
  ],
  empty: [
    ['0.1', 0],
    ['1', 0],
    ['+Inf', 0],
  ],
  mostlyInInf: [
    ['1', 2],
    ['+Inf', 10],
  ],
  negativeFirst: [
    ['-1', 5],
    ['0', 8],
    ['+Inf', 10],
  ],
  nonMonotonic: [
    ['0.1', 5],
    ['0.2', 3],
    ['1', 8],
    ['+Inf', 10],
  ],
  noInf: [
    ['0.1', 1],
    ['1', 4],
  ],
  onlyInf: [['+Inf', 7]],
  emptyFirstBucket: [
    ['0.1', 0],
    ['1', 5],
    ['+Inf', 5],
  ],
  allInFirst: [
    ['0.25', 4],
    ['0.5', 4],
    ['1', 4],
    ['+Inf', 4],
  ],
};

const prometheusAnswers: [number, Record<keyof typeof cases, number>][] = [
  [
    0,
    {
      typical: 0,
      empty: NaN,
      mostlyInInf: 0,
      negativeFirst: -1,
      nonMonotonic: 0,
      noInf: NaN,
      onlyInf: NaN,
      emptyFirstBucket: NaN,
      allInFirst: 0,
    },
  ],
  [
    0.25,
    {
      typical: 0.175,
      empty: NaN,
      mostlyInInf: 1,
      negativeFirst: -1,
      nonMonotonic: 0.05,
      noInf: NaN,
      onlyInf: NaN,
      emptyFirstBucket: 0.325,
      allInFirst: 0.0625,
    },
  ],
  [
    0.5,
    {
      typical: 0.4,
      empty: NaN,
      mostlyInInf: 1,
      negativeFirst: -1,
      nonMonotonic: 0.1,
      noInf: NaN,
      onlyInf: NaN,
      emptyFirstBucket: 0.55,
      allInFirst: 0.125,
    },
  ],
  [
    0.9,
    {
      typical: 1,
      empty: NaN,
      mostlyInInf: 1,
      negativeFirst: 0,
      nonMonotonic: 1,
      noInf: NaN,
      onlyInf: NaN,
      emptyFirstBucket: 0.91,
      allInFirst: 0.225,
    },
  ],
  [
    0.99,
    {
      typical: 1,
      empty: NaN,
      mostlyInInf: 1,
      negativeFirst: 0,
      nonMonotonic: 1,
      noInf: NaN,
      onlyInf: NaN,
      emptyFirstBucket: 0.991,
      allInFirst: 0.2475,
    },
  ],
  [
    1,
    {
      typical: 1,
      empty: NaN,
      mostlyInInf: 1,
      negativeFirst: 0,
      nonMonotonic: 1,
      noInf: NaN,
      onlyInf: NaN,
      emptyFirstBucket: 1,
      allInFirst: 0.25,
    },
  ],
];

describe('histogramQuantile', () => {
  for (const [q, expected] of prometheusAnswers)
    for (const [name, value] of Object.entries(expected))
      it(`q=${q} of ${name} is ${value}, as Prometheus says`, () => {
        const got = histogramQuantile(q, buckets(cases[name] as [string, number][]));
        if (Number.isNaN(value)) expect(got).toBeNaN();
        else expect(got).toBeCloseTo(value, 12);
      });

  it('answers -Inf below 0, +Inf above 1 and NaN for a NaN quantile', () => {
    const typical = buckets(cases.typical as [string, number][]);
    expect(histogramQuantile(-0.1, typical)).toBe(-Infinity);
    expect(histogramQuantile(1.5, typical)).toBe(Infinity);
    expect(histogramQuantile(NaN, typical)).toBeNaN();
  });

  it('sorts buckets given out of order and adds up buckets with the same bound', () => {
    const shuffled = buckets([
      ['+Inf', 10],
      ['0.5', 6],
      ['0.1', 1],
      ['1', 8],
      ['0.2', 3],
    ]);
    expect(histogramQuantile(0.5, shuffled)).toBeCloseTo(0.4, 12);
    // Two series' buckets merged: 0.1 → 2, 1 → 4, +Inf → 4; rank 2 lands at 0.1.
    const merged = buckets([
      ['0.1', 1],
      ['0.1', 1],
      ['1', 2],
      ['1', 2],
      ['+Inf', 2],
      ['+Inf', 2],
    ]);
    expect(histogramQuantile(0.5, merged)).toBeCloseTo(0.1, 12);
  });

  it('does not change the buckets it is given', () => {
    const input = buckets(cases.nonMonotonic as [string, number][]);
    const copy = structuredClone(input);
    histogramQuantile(0.5, input);
    expect(input).toEqual(copy);
  });
});

describe('parseUpperBound', () => {
  it('reads numbers and +Inf, and refuses what Prometheus would not parse', () => {
    expect(parseUpperBound('0.005')).toBe(0.005);
    expect(parseUpperBound('1e3')).toBe(1000);
    expect(parseUpperBound('+Inf')).toBe(Infinity);
    expect(parseUpperBound('abc')).toBeUndefined();
    expect(parseUpperBound('')).toBeUndefined();
    expect(parseUpperBound(undefined)).toBeUndefined();
  });
});
