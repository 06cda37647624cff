// The parsed form of an exposition: families of samples with values as JS numbers (NaN
// and ±Infinity included); toWireFamily turns them into the contract's JSON-safe shape.
import type { ExpositionFormat, MetricType } from '@shared/contract';

export interface ParsedExemplar {
  labels: Record<string, string>;
  value: number;
  /** Milliseconds since the epoch. */
  timestamp?: number;
}

export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  /** Milliseconds since the epoch. */
  timestamp?: number;
  exemplar?: ParsedExemplar;
}

export interface ParsedFamily {
  name: string;
  type: MetricType;
  help: string;
  unit: string;
  samples: ParsedSample[];
}

export interface ParsedExposition {
  format: ExpositionFormat;
  families: ParsedFamily[];
  /** Sample lines, as Prometheus counts scrape_samples_scraped. */
  seriesCount: number;
  /** Bytes read. */
  bytes: number;
}

export interface ParseOptions {
  format: ExpositionFormat;
  /** More sample lines than this is a TOO_LARGE error. */
  maxSeries?: number;
  /** More bytes than this is a TOO_LARGE error. */
  maxBytes?: number;
}
