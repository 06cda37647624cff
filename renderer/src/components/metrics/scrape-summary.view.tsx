// The last scrape at a glance: where, which format, how big, how long, how many series
// and families; Refresh scrapes again (counters then show per-second rates).
import type { JSX } from 'react';
import type { ScrapeResult } from '@shared/contract';
import { formatValue } from '../../stores/metrics/metric-units';
import { clock24 } from '../../stores/metrics/time-format';

const formatLabels = { 'prometheus-text': 'Prometheus text', openmetrics: 'OpenMetrics' } as const;

export interface ScrapeSummaryProps {
  result: ScrapeResult;
  scraping: boolean;
  onRefresh(): void;
}

export function ScrapeSummary({ result, scraping, onRefresh }: ScrapeSummaryProps): JSX.Element {
  return (
    <div className="scrape-summary" data-testid="metrics-scrape-summary">
      <dl className="scrape-summary__facts">
        <div>
          <dt>URL</dt>
          <dd className="mono" data-testid="metrics-scrape-url">
            {result.url}
          </dd>
        </div>
        <div>
          <dt>Format</dt>
          <dd data-testid="metrics-scrape-format" data-format={result.format} title={result.contentType}>
            {formatLabels[result.format]}
          </dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd data-testid="metrics-scrape-bytes">{formatValue(result.bytes, 'bytes')}</dd>
        </div>
        <div>
          <dt>Took</dt>
          <dd data-testid="metrics-scrape-duration">{formatValue(result.durationMs / 1000, 'seconds')}</dd>
        </div>
        <div>
          <dt>Series</dt>
          <dd data-testid="metrics-scrape-series">{result.seriesCount.toLocaleString('en')}</dd>
        </div>
        <div>
          <dt>Families</dt>
          <dd data-testid="metrics-scrape-families">{result.summaries.length.toLocaleString('en')}</dd>
        </div>
        <div>
          <dt>At</dt>
          <dd>{clock24(result.scrapedAt)}</dd>
        </div>
      </dl>
      <button
        type="button"
        className="button button--secondary button--small"
        data-testid="metrics-refresh"
        disabled={scraping}
        onClick={onRefresh}
      >
        {scraping ? 'Scraping…' : 'Refresh'}
      </button>
    </div>
  );
}
