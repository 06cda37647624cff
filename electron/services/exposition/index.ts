// Public face of the exposition domain: the Prometheus text format 0.0.4 and OpenMetrics
// 1.0 parsed into metric families, whole or streamed chunk by chunk.
//
// Decisions, where the references leave room (details in each parser's header):
// - The text format is read as Prometheus's scrape parser reads it (blanks between tokens,
//   free comments, missing commas between labels, a second HELP/TYPE tolerated, interrupted
//   families merged back by name);
//   OpenMetrics as its specification and reference test suite say (strict spacing, # EOF,
//   metadata first, contiguous families and points, value rules per type).
// - Timestamps are milliseconds; OpenMetrics' seconds are scaled on the decimal digits and
//   kept as a float, so sub-millisecond precision survives (0.0000001 s is 0.0001 ms).
// - A histogram's `le` and a summary's `quantile` are rewritten to Prometheus 3's canonical
//   float spelling ("1" becomes "1.0"), as its parsers do: the series read as PromQL sees them.
// - Escapes other than \\, \" and \n stay as written, as both reference parsers keep them.
// - Invalid UTF-8 is refused anywhere, comments included; the error names line and column.
import type { ParseOptions, ParsedExposition } from './exposition-types';
import { LineDriver } from './exposition-stream';

export type {
  ParsedExemplar,
  ParsedExposition,
  ParsedFamily,
  ParsedSample,
  ParseOptions,
} from './exposition-types';

/** Parses a whole exposition; PARSE_ERROR names line and column, TOO_LARGE a limit. */
export function parseExposition(input: Uint8Array | string, options: ParseOptions): ParsedExposition {
  const driver = new LineDriver(options);
  if (typeof input === 'string') driver.pushText(input);
  else driver.pushBytes(input, true);
  return driver.finishLines();
}

/** Parses an exposition as its chunks arrive, so a body over the limits stops early. */
export class ExpositionStreamParser {
  private readonly driver: LineDriver;

  constructor(readonly options: ParseOptions) {
    this.driver = new LineDriver(options);
  }

  /** Throws PARSE_ERROR or TOO_LARGE as soon as the bytes so far show one. */
  push(chunk: Uint8Array): void {
    this.driver.pushBytes(chunk, false);
  }

  end(): ParsedExposition {
    this.driver.pushBytes(new Uint8Array(0), true);
    return this.driver.finishLines();
  }
}

export { formatFromContentType, prometheusAcceptHeader } from './content-type';
export { toWireFamily, toWireValue } from './wire-family';
