// A fixed-size buffer of numbers (nulls for gaps) for a live chart: pushing past the
// capacity overwrites the oldest, so a watch left running for hours holds a bounded amount.
export class RingBuffer {
  private readonly values: Float64Array;
  /** Where the next value goes. */
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer');
    this.values = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** null is kept as a gap (NaN inside, since a Float64Array holds numbers only). */
  push(value: number | null): void {
    this.values[this.head] = value ?? NaN;
    this.head = (this.head + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** Oldest first; a gap (and a NaN sample) comes back as null, as uPlot draws a gap. */
  toArray(): (number | null)[] {
    const out: (number | null)[] = new Array<number | null>(this.count);
    const start = (this.head - this.count + this.capacity) % this.capacity;
    for (let index = 0; index < this.count; index++) {
      const value = this.values[(start + index) % this.capacity] as number;
      out[index] = Number.isNaN(value) ? null : value;
    }
    return out;
  }

  /** The newest value, or undefined when empty. */
  last(): number | null | undefined {
    if (this.count === 0) return undefined;
    const value = this.values[(this.head - 1 + this.capacity) % this.capacity] as number;
    return Number.isNaN(value) ? null : value;
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }
}
