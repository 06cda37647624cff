// Which exposition format a response's Content-Type names, and the Accept header that
// asks for the text formats the way Prometheus 3 does (protobuf left out).
import type { ExpositionFormat } from '@shared/contract';

/**
 * Prometheus 3's default scrape protocols (OpenMetrics 1.0.0, 0.0.1, text 1.0.0, 0.0.4)
 * with its weights; `escaping=allow-utf-8` because quoted UTF-8 names are understood.
 */
export const prometheusAcceptHeader =
  'application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,' +
  'application/openmetrics-text;version=0.0.1;q=0.5,' +
  'text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,' +
  'text/plain;version=0.0.4;q=0.3,*/*;q=0.2';

/** The format a Content-Type names; undefined when it names neither (text/html, JSON, protobuf…). */
export function formatFromContentType(contentType: string | undefined): ExpositionFormat | undefined {
  if (contentType === undefined) return 'prometheus-text';
  const [mediaType = '', ...parameters] = contentType.split(';');
  const media = mediaType.trim().toLowerCase();
  // An exporter that sends no type at all is taken at its word as the text format, as Prometheus does.
  if (media === '') return parameters.length === 0 ? 'prometheus-text' : undefined;
  if (media === 'application/openmetrics-text') return 'openmetrics';
  if (media !== 'text/plain') return undefined;
  for (const parameter of parameters) {
    const [key = '', value = ''] = parameter.split('=');
    if (key.trim().toLowerCase() !== 'version') continue;
    const version = value.trim().replace(/^"(.*)"$/, '$1');
    return version === '0.0.4' || version === '1.0.0' ? 'prometheus-text' : undefined;
  }
  return 'prometheus-text';
}
