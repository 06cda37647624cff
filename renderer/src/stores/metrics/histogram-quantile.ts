// histogram_quantile over classic buckets, as Prometheus computes it (promql/quantile.go,
// BucketQuantile), so the chart's p50/p90/p99 agree with what a query would say: buckets
// sorted and merged by upper bound, counts forced monotonic, linear interpolation inside
// the bucket holding the rank, the +Inf bucket answered with the highest finite bound.
export interface Bucket {
  upperBound: number;
  /** Cumulative: observations less than or equal to upperBound. */
  count: number;
}

/** Prometheus's tolerance for float noise between neighbouring cumulative counts. */
const smallDeltaTolerance = 1e-12;

/** Reads a `le` label as Prometheus does; undefined for a bucket with no usable bound. */
export function parseUpperBound(le: string | undefined): number | undefined {
  if (le === undefined) return undefined;
  const text = le.trim();
  if (text === '+Inf' || text === 'Inf' || text === '+inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

export function histogramQuantile(q: number, input: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (input.length === 0) return NaN;
  const sorted = [...input].sort((a, b) => a.upperBound - b.upperBound);
  if ((sorted.at(-1) as Bucket).upperBound !== Infinity) return NaN;
  const buckets = coalesce(sorted);
  correctPrecisionErrors(buckets);
  ensureMonotonic(buckets);
  if (buckets.length < 2) return NaN;
  const observations = (buckets.at(-1) as Bucket).count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  // sort.Search over all but the +Inf bucket: the first whose count reaches the rank.
  let index = buckets.length - 1;
  for (let candidate = 0; candidate < buckets.length - 1; candidate++)
    if ((buckets[candidate] as Bucket).count >= rank) {
      index = candidate;
      break;
    }
  if (index === buckets.length - 1) return (buckets[buckets.length - 2] as Bucket).upperBound;
  const first = buckets[0] as Bucket;
  if (index === 0 && first.upperBound <= 0) return first.upperBound;
  const bucket = buckets[index] as Bucket;
  let bucketStart = 0;
  let count = bucket.count;
  if (index > 0) {
    const previous = buckets[index - 1] as Bucket;
    bucketStart = previous.upperBound;
    count -= previous.count;
    rank -= previous.count;
  }
  return bucketStart + (bucket.upperBound - bucketStart) * (rank / count);
}

/** Buckets with the same upper bound (from differently-labelled series) are added up. */
function coalesce(sorted: readonly Bucket[]): Bucket[] {
  const out: Bucket[] = [];
  for (const bucket of sorted) {
    const last = out.at(-1);
    if (last && last.upperBound === bucket.upperBound) last.count += bucket.count;
    else out.push({ ...bucket });
  }
  return out;
}

/** Neighbouring counts that differ only by float noise are made equal. */
function correctPrecisionErrors(buckets: Bucket[]): void {
  let previous = buckets[0]?.count ?? 0;
  for (let index = 1; index < buckets.length; index++) {
    const bucket = buckets[index] as Bucket;
    const delta = Math.abs(bucket.count - previous);
    if (delta === 0) continue;
    if (delta / bucket.count <= smallDeltaTolerance) bucket.count = previous;
    else previous = bucket.count;
  }
}

/**
 * Cumulative counts must not fall, but scrapes of separate series can make them: the
 * search for the rank needs them monotonic, so each is raised to the highest before it.
 */
function ensureMonotonic(buckets: Bucket[]): void {
  let highest = buckets[0]?.count ?? 0;
  for (const bucket of buckets) {
    if (bucket.count > highest) highest = bucket.count;
    else bucket.count = highest;
  }
}
