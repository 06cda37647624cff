// A family's series: its type, help and unit, label filters, then each series with its
// value in human units (and per-second rate once scraped twice) and a box to chart it.
import type { JSX, ReactNode } from 'react';
import type { MetricFamily, MetricSample } from '@shared/contract';
import type { SeriesView } from '../../stores/metrics/metrics.selectors';
import { unitLabel } from '../../stores/metrics/metric-units';

export interface SeriesTableProps {
  family: MetricFamily;
  view: SeriesView;
  filters: ReactNode;
  /** The chart id of a sample, or undefined when it cannot be charted (a _created). */
  chartIdOf(sample: MetricSample): string | undefined;
  charted: ReadonlySet<string>;
  copied: boolean;
  onChart(sample: MetricSample): void;
  onCopy(): void;
}

/** Rows put in the page at most; filters narrow the rest. */
export const seriesRowsShown = 500;

export function SeriesTable(props: SeriesTableProps): JSX.Element {
  const { family, view } = props;
  const rows = view.rows.slice(0, seriesRowsShown);
  const unit = unitLabel(view.unit);
  return (
    <section
      className="series-table"
      data-testid="metrics-series"
      data-family={family.name}
      aria-label="Series"
    >
      <header className="series-table__header">
        <h2 className="card__title mono">{family.name}</h2>
        <span className="badge badge--muted" data-testid="metrics-family-type">
          {family.type}
        </span>
        {unit && <span className="badge badge--muted">{unit}</span>}
        <button
          type="button"
          className="button button--ghost button--small"
          data-testid="metrics-series-csv"
          onClick={props.onCopy}
        >
          {props.copied ? 'Copied' : 'Copy CSV'}
        </button>
      </header>
      {family.help && <p className="muted series-table__help">{family.help}</p>}
      {props.filters}
      <p className="muted" data-testid="metrics-series-count">
        {view.rows.length === view.total
          ? `${view.total.toLocaleString('en')} series`
          : `${view.rows.length.toLocaleString('en')} of ${view.total.toLocaleString('en')} series`}
        {view.rows.length > seriesRowsShown && ` · first ${seriesRowsShown} shown, filter to narrow`}
      </p>
      <div className="series-table__scroll">
        <table className="series-table__table">
          <thead>
            <tr>
              <th scope="col" className="series-table__chart-col">
                Chart
              </th>
              <th scope="col">Series</th>
              <th scope="col" className="series-table__number">
                Value
              </th>
              {view.counter && (
                <th scope="col" className="series-table__number">
                  Per second
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const chartId = props.chartIdOf(row.sample);
              return (
                <tr key={row.key} data-testid="metrics-series-row" data-series={row.key}>
                  <td className="series-table__chart-col">
                    {chartId && (
                      <input
                        type="checkbox"
                        aria-label={`Chart ${row.key}`}
                        data-testid="metrics-series-chart"
                        checked={props.charted.has(chartId)}
                        onChange={() => props.onChart(row.sample)}
                      />
                    )}
                  </td>
                  <td className="mono series-table__series">
                    <span className="series-table__name">{row.sample.name}</span>
                    <span className="series-table__labels">{row.labels}</span>
                  </td>
                  <td className="series-table__number" data-testid="metrics-series-value">
                    {row.value}
                  </td>
                  {view.counter && <td className="series-table__number">{row.rate ?? '—'}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
