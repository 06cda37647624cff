// A PromQL answer: an instant query as a table of series and values, a range query as a
// graph (uPlot) with a legend; the server's warnings, and how long it took.
import { useMemo, type JSX } from 'react';
import type { QueryAnswer } from '@shared/contract';
import { instantRows, matrixColumns } from '../../stores/metrics/promql-results';
import type { QueryMode } from '../../stores/metrics/promql.store';
import { lineColor, UplotChart, type ChartLineView } from './uplot-chart.view';

export interface QueryResultProps {
  answer: QueryAnswer;
  mode: QueryMode;
  zeroBased: boolean;
}

/** Beyond this many series the graph is unreadable; the table still lists them all. */
const graphSeriesLimit = 50;

export function QueryResultView({ answer, mode, zeroBased }: QueryResultProps): JSX.Element {
  const graph = useMemo(
    () => (mode === 'graph' ? matrixColumns(answer.data) : undefined),
    [answer.data, mode],
  );
  const rows = useMemo(() => (mode === 'table' ? instantRows(answer.data) : []), [answer.data, mode]);
  const lines: ChartLineView[] = useMemo(
    () =>
      (graph?.labels ?? []).slice(0, graphSeriesLimit).map((label, index) => ({
        id: `${index}:${label}`,
        label,
        unit: 'none',
        perSecond: false,
      })),
    [graph],
  );
  return (
    <section className="query-result" data-testid="promql-result" data-result-type={answer.data.resultType}>
      <p className="muted" data-testid="promql-result-meta">
        {answer.data.resultType} · {mode === 'graph' ? (graph?.labels.length ?? 0) : rows.length} series ·{' '}
        {Math.round(answer.durationMs)} ms
      </p>
      {answer.warnings.map((warning) => (
        <p key={warning} className="notice notice--warn" data-testid="promql-warning">
          {warning}
        </p>
      ))}
      {graph ? (
        <>
          <UplotChart
            lines={lines}
            times={graph.times}
            series={graph.series.slice(0, graphSeriesLimit)}
            zeroBased={zeroBased}
            testId="promql-graph"
          />
          {graph.labels.length > graphSeriesLimit && (
            <p className="muted">
              The first {graphSeriesLimit} series are drawn; narrow the query to see the rest.
            </p>
          )}
          <ul className="chart-legend">
            {lines.map((line, index) => (
              <li key={line.id} className="chart-legend__item">
                <span
                  className="chart-legend__swatch"
                  style={{ backgroundColor: lineColor(index) }}
                  aria-hidden="true"
                />
                <span className="chart-legend__label mono">{line.label}</span>
              </li>
            ))}
          </ul>
        </>
      ) : rows.length === 0 ? (
        <p className="muted" data-testid="promql-empty">
          Empty result: no series match.
        </p>
      ) : (
        <table className="series-table__table" data-testid="promql-table">
          <thead>
            <tr>
              <th scope="col">Series</th>
              <th scope="col" className="series-table__number">
                Value
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index} data-testid="promql-row">
                <td className="mono">{row.series}</td>
                <td className="series-table__number mono">{row.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
