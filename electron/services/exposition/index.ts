// Public face of the exposition domain: the Prometheus text format 0.0.4 and OpenMetrics
// 1.0 parsed into metric families, whole or streamed chunk by chunk (being built: #12).
import { PromsteadError } from '@shared/contract';
import type { ExpositionFormat } from '@shared/contract';
import type { ParseOptions, ParsedExposition } from './exposition-types';

export type {
  ParsedExemplar,
  ParsedExposition,
  ParsedFamily,
  ParsedSample,
  ParseOptions,
} from './exposition-types';

/** Parses a whole exposition; PARSE_ERROR names line and column, TOO_LARGE a limit. */
export function parseExposition(input: Uint8Array | string, options: ParseOptions): ParsedExposition {
  void input;
  void options;
  throw new PromsteadError('INTERNAL', 'The exposition parser is not built yet.');
}

/** Parses an exposition as its chunks arrive, so a body over the limits stops early. */
export class ExpositionStreamParser {
  constructor(readonly options: ParseOptions) {}
  push(chunk: Uint8Array): void {
    void chunk;
    throw new PromsteadError('INTERNAL', 'The exposition parser is not built yet.');
  }
  end(): ParsedExposition {
    throw new PromsteadError('INTERNAL', 'The exposition parser is not built yet.');
  }
}

/** The format a Content-Type names; undefined when it names neither (text/html, JSON…). */
export function formatFromContentType(contentType: string | undefined): ExpositionFormat | undefined {
  void contentType;
  return undefined;
}

export { toWireFamily, toWireValue } from './wire-family';
