// What the line driver feeds: one line at a time, in order, without its line feed.
import type { ParsedFamily } from './exposition-types';

export interface LineSink {
  /** Reads text[start, end): one line, whether or not the input ended it with \n. */
  line(text: string, start: number, end: number): void;
  /** After the last line: whole-input checks; returns the families in order of appearance. */
  finish(): ParsedFamily[];
  /** Sample lines read so far. */
  readonly seriesCount: number;
}
