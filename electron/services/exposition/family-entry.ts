// One metric family being filled: which sample names belong to it (by its type and the
// format's suffix rules) and the family's metadata as far as it has been declared.
import type { MetricType } from '@shared/contract';
import { regionEquals } from './char-classes';
import type { ParsedFamily } from './exposition-types';

/** What a sample is within its family, from its name's suffix. */
export const SampleKind = {
  bare: 0,
  total: 1,
  created: 2,
  bucket: 3,
  count: 4,
  sum: 5,
  gaugeCount: 6,
  gaugeSum: 7,
  info: 8,
} as const;
export type SampleKind = (typeof SampleKind)[keyof typeof SampleKind];

type SuffixTable = Partial<Record<MetricType, readonly (readonly [string, SampleKind])[]>>;

const bare = ['', SampleKind.bare] as const;
const sum = ['_sum', SampleKind.sum] as const;
const count = ['_count', SampleKind.count] as const;
const bucket = ['_bucket', SampleKind.bucket] as const;
const created = ['_created', SampleKind.created] as const;

/** The text format 0.0.4: only summaries and histograms have suffixed samples. */
const textSuffixes: SuffixTable = {
  counter: [bare],
  gauge: [bare],
  untyped: [bare],
  summary: [bare, sum, count],
  histogram: [bucket, sum, count],
};

/** OpenMetrics 1.0: a counter is only `_total` and `_created`; no family but these has suffixes. */
const openMetricsSuffixes: SuffixTable = {
  counter: [['_total', SampleKind.total], created],
  gauge: [bare],
  unknown: [bare],
  stateset: [bare],
  info: [['_info', SampleKind.info]],
  summary: [bare, count, sum, created],
  histogram: [bucket, count, sum, created],
  gaugehistogram: [bucket, ['_gcount', SampleKind.gaugeCount], ['_gsum', SampleKind.gaugeSum]],
};

export class FamilyEntry {
  readonly family: ParsedFamily;
  typeSet = false;
  helpSet = false;
  unitSet = false;
  private suffixes: readonly (readonly [string, SampleKind])[] = [bare];
  /** Full sample names per suffix, made on first use: most families only ever need one or two. */
  private fullNames: (string | undefined)[] = [];
  private bareKind: number = SampleKind.bare;
  /** Set by `match`: the sample's full name (one string per family and suffix). */
  matchedName = '';

  constructor(
    name: string,
    type: MetricType,
    private readonly openMetrics: boolean,
  ) {
    this.family = { name, type, help: '', unit: '', samples: [] };
    this.setType(type);
  }

  get name(): string {
    return this.family.name;
  }

  get hasSamples(): boolean {
    return this.family.samples.length > 0;
  }

  setType(type: MetricType): void {
    this.family.type = type;
    this.suffixes = (this.openMetrics ? openMetricsSuffixes : textSuffixes)[type] ?? [bare];
    this.fullNames = [];
    this.bareKind = -1;
    for (let index = 0; index < this.suffixes.length; index++) {
      const entry = this.suffixes[index] ?? bare;
      if (entry[0] === '') this.bareKind = entry[1];
    }
  }

  /** The kind of the sample named text[start, end) in this family, or -1 when it is not one of its names. */
  match(text: string, start: number, end: number): number {
    const name = this.family.name;
    const length = end - start;
    if (length < name.length || !regionEquals(text, start, name)) return -1;
    if (length === name.length) {
      this.matchedName = name;
      return this.bareKind;
    }
    const suffixStart = start + name.length;
    const suffixes = this.suffixes;
    for (let index = 0; index < suffixes.length; index++) {
      const entry = suffixes[index] ?? bare;
      const suffix = entry[0];
      if (suffix.length === length - name.length && regionEquals(text, suffixStart, suffix)) {
        let full = this.fullNames[index];
        if (full === undefined) {
          full = name + suffix;
          this.fullNames[index] = full;
        }
        this.matchedName = full;
        return entry[1];
      }
    }
    return -1;
  }

  /** Every name a sample of this family could have (OpenMetrics' clash check). */
  possibleNames(): string[] {
    const names = this.suffixes.map(([suffix]) => this.family.name + suffix);
    return names.includes(this.family.name) ? names : [this.family.name, ...names];
  }
}
