// A Prometheus server's scrape targets: health, last scrape (how long ago, and when in
// 24-hour time), how long it took, the last error; each opens in the Metrics browser.
import type { JSX } from 'react';
import type { TargetHealth } from '@shared/contract';
import { ageText, clock24 } from '../../stores/metrics/time-format';
import { formatValue } from '../../stores/metrics/metric-units';

export interface PrometheusTargetsProps {
  targets: readonly TargetHealth[];
  now: number;
  onOpen(target: TargetHealth): void;
}

const healthBadges = { up: 'badge--ok', down: 'badge--danger', unknown: 'badge--muted' } as const;

export function PrometheusTargets({ targets, now, onOpen }: PrometheusTargetsProps): JSX.Element {
  if (targets.length === 0) return <p className="muted">This server has no active targets.</p>;
  return (
    <table className="series-table__table" data-testid="promql-targets">
      <thead>
        <tr>
          <th scope="col">Target</th>
          <th scope="col">Health</th>
          <th scope="col">Last scrape</th>
          <th scope="col" className="series-table__number">
            Took
          </th>
          <th scope="col">Last error</th>
          <th scope="col">
            <span className="visually-hidden">Open</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {targets.map((target) => (
          <tr
            key={`${target.job} ${target.scrapeUrl}`}
            data-testid="promql-target"
            data-health={target.health}
          >
            <td>
              <div className="mono">{target.scrapeUrl}</div>
              <div className="muted">
                job {target.job} · {target.instance}
              </div>
            </td>
            <td>
              <span className={`badge ${healthBadges[target.health]}`}>{target.health}</span>
            </td>
            <td>
              {target.lastScrape === undefined ? (
                <span className="muted">not yet</span>
              ) : (
                <span title={new Date(target.lastScrape).toISOString()}>
                  {ageText(target.lastScrape, now)} · {clock24(target.lastScrape)}
                </span>
              )}
            </td>
            <td className="series-table__number">
              {formatValue(target.lastScrapeDurationMs / 1000, 'seconds')}
            </td>
            <td className="promql-targets__error">{target.lastError}</td>
            <td>
              <button
                type="button"
                className="button button--ghost button--small"
                data-testid="promql-target-open"
                onClick={() => onOpen(target)}
              >
                Open in Metrics
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
