// Which families cost the most series, as vmui's cardinality explorer: a table sorted by
// series with each family's share; opening a family shows its labels' distinct values
// and top values, each with "Drop" to build a drop rule.
import type { JSX } from 'react';
import type { CardinalityReport } from '@shared/metrics/cardinality';

export interface CardinalityViewProps {
  report: CardinalityReport;
  /** Rows put in the page; the rest are the long tail. */
  limit: number;
  onDropFamily(family: string): void;
  onDropValue(family: string, label: string, value: string): void;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(share < 0.01 ? 2 : 1)}%`;
}

export function CardinalityView({
  report,
  limit,
  onDropFamily,
  onDropValue,
}: CardinalityViewProps): JSX.Element {
  const families = report.families.slice(0, limit);
  return (
    <section className="cardinality" data-testid="metrics-cardinality" aria-label="Cardinality">
      <p data-testid="metrics-cardinality-total">
        <strong>{report.totalSeries.toLocaleString('en')}</strong> series in{' '}
        {report.families.length.toLocaleString('en')} families. The costliest first.
      </p>
      <table className="cardinality__table">
        <thead>
          <tr>
            <th scope="col">Family</th>
            <th scope="col">Type</th>
            <th scope="col" className="series-table__number">
              Series
            </th>
            <th scope="col">Share</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {families.map((family) => (
            <tr key={family.name} data-testid="metrics-cardinality-row" data-family={family.name}>
              <td>
                <details className="cardinality__family">
                  <summary className="mono">{family.name}</summary>
                  {family.labels.length === 0 ? (
                    <p className="muted">No labels.</p>
                  ) : (
                    <ul className="cardinality__labels">
                      {family.labels.map((label) => (
                        <li key={label.name} data-testid="metrics-cardinality-label" data-label={label.name}>
                          <span className="mono">{label.name}</span>{' '}
                          <span className="muted">{label.distinctValues.toLocaleString('en')} values</span>
                          <ul className="cardinality__values">
                            {label.topValues.map((top) => (
                              <li key={top.value}>
                                <span className="mono">{top.value === '' ? '(empty)' : top.value}</span>{' '}
                                <span className="muted">{top.series}</span>{' '}
                                <button
                                  type="button"
                                  className="button button--ghost button--small"
                                  data-testid="metrics-drop-value"
                                  data-value={top.value}
                                  onClick={() => onDropValue(family.name, label.name, top.value)}
                                >
                                  Drop
                                </button>
                              </li>
                            ))}
                          </ul>
                        </li>
                      ))}
                    </ul>
                  )}
                </details>
              </td>
              <td>{family.type}</td>
              <td className="series-table__number">{family.series.toLocaleString('en')}</td>
              <td>
                <meter
                  className="cardinality__share"
                  min={0}
                  max={1}
                  value={family.share}
                  aria-label="Share of all series"
                />{' '}
                <span className="muted">{percent(family.share)}</span>
              </td>
              <td>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  data-testid="metrics-drop-family"
                  onClick={() => onDropFamily(family.name)}
                >
                  Drop this
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.families.length > limit && (
        <p className="muted">{report.families.length - limit} smaller families not shown.</p>
      )}
      <h3 className="card__title">Labels across families</h3>
      <table className="cardinality__table" data-testid="metrics-cardinality-labels">
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col" className="series-table__number">
              Distinct values
            </th>
            <th scope="col" className="series-table__number">
              Families
            </th>
          </tr>
        </thead>
        <tbody>
          {report.labels.slice(0, 30).map((label) => (
            <tr key={label.name}>
              <td className="mono">{label.name}</td>
              <td className="series-table__number">{label.distinctValues.toLocaleString('en')}</td>
              <td className="series-table__number">{label.families.toLocaleString('en')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
