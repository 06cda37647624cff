// A scrape whose body goes into the exposition parser as it arrives: the Content-Type
// picks the format (anything else is NOT_EXPOSITION), the series limit stops the parse
// early, and a parse error names the URL it came from.
import { PromsteadError, type ExpositionFormat } from '@shared/contract';
import { ExpositionStreamParser, formatFromContentType, type ParsedExposition } from '../../exposition';
import { httpScrape, type BodySink, type HttpScrapeRequest } from './http-scrape';
import type { ScrapeConnection } from './scrape-connection';
import { notExpositionError, tooLargeError, type FailureContext } from './scrape-errors';

export interface ExpositionRequest extends HttpScrapeRequest {
  /** More sample lines than this is TOO_LARGE. */
  maxSeries: number;
}

export interface ExpositionScrape {
  /** Where it was scraped, with the route (`… (through SSH)`). */
  url: string;
  format: ExpositionFormat;
  contentType: string;
  parsed: ParsedExposition;
  /** Body bytes after decompression. */
  bytes: number;
  durationMs: number;
  /** When the scrape started, ms since the epoch. */
  scrapedAt: number;
}

function parserSink(
  format: ExpositionFormat,
  request: ExpositionRequest,
  context: FailureContext,
): BodySink<ParsedExposition> {
  // The bytes are counted (after decompression) before they reach the parser: its own
  // TOO_LARGE can only be the series limit.
  const parser = new ExpositionStreamParser({ format, maxSeries: request.maxSeries });
  const explain = (error: unknown): unknown => {
    if (!(error instanceof PromsteadError)) return error;
    if (error.code === 'PARSE_ERROR')
      return new PromsteadError('PARSE_ERROR', `${context.label}: ${error.message}`, error.details);
    if (error.code === 'TOO_LARGE')
      return tooLargeError('series', request.maxSeries, 'metrics.maxSeries', context.label);
    return error;
  };
  return {
    push: (chunk) => {
      try {
        parser.push(chunk);
      } catch (error) {
        throw explain(error);
      }
    },
    end: () => {
      try {
        return parser.end();
      } catch (error) {
        throw explain(error);
      }
    },
  };
}

export async function scrapeExposition(
  connection: ScrapeConnection,
  request: ExpositionRequest,
): Promise<ExpositionScrape> {
  const scrapedAt = Date.now();
  let format: ExpositionFormat = 'prometheus-text';
  const outcome = await httpScrape(connection, request, (head, context) => {
    const named = formatFromContentType(head.contentType);
    if (!named) throw notExpositionError(head.contentType, context);
    format = named;
    return parserSink(named, request, context);
  });
  return {
    url: connection.route.label,
    format,
    contentType: outcome.head.contentType,
    parsed: outcome.value,
    bytes: outcome.bytes,
    durationMs: outcome.durationMs,
    scrapedAt,
  };
}
