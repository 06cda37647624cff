import { describe, expect, it } from 'vitest';
import { formatFromContentType, prometheusAcceptHeader } from './index';

describe('formatFromContentType', () => {
  it.each([
    ['application/openmetrics-text; version=1.0.0; charset=utf-8', 'openmetrics'],
    ['application/openmetrics-text;version=0.0.1', 'openmetrics'],
    ['application/openmetrics-text', 'openmetrics'],
    ['Application/OpenMetrics-Text; version=1.0.0', 'openmetrics'],
    ['text/plain; version=0.0.4; charset=utf-8', 'prometheus-text'],
    ['text/plain;version=1.0.0;escaping=allow-utf-8', 'prometheus-text'],
    ['text/plain; charset=utf-8', 'prometheus-text'],
    ['text/plain', 'prometheus-text'],
    ['', 'prometheus-text'],
    [undefined, 'prometheus-text'],
  ] as const)('%j is %s', (contentType, format) => {
    expect(formatFromContentType(contentType)).toBe(format);
  });

  it.each([
    'text/html; charset=utf-8',
    'application/json',
    'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited',
    'text/plain; version=2.0.0',
    'text/csv',
  ])('%j names neither format', (contentType) => {
    expect(formatFromContentType(contentType)).toBeUndefined();
  });

  it('asks for the text formats as Prometheus 3 does, OpenMetrics first, without protobuf', () => {
    expect(prometheusAcceptHeader).toBe(
      'application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2',
    );
    expect(prometheusAcceptHeader).not.toContain('protobuf');
  });
});
