// One filter per label, as Grafana's label pickers: tick values (most common first), or
// switch to a regex matched against the whole value as Prometheus's `=~` does.
import type { JSX } from 'react';
import type { LabelFilter } from '../../stores/metrics/label-filter';

export interface LabelFiltersProps {
  labels: readonly { label: string; values: readonly { value: string; count: number }[] }[];
  filters: readonly LabelFilter[];
  errors: readonly string[];
  onFilter(filter: LabelFilter): void;
  onRemove(label: string): void;
}

/** More values than this: the picker suggests a regex instead. */
const valuesShown = 40;

export function LabelFilters({
  labels,
  filters,
  errors,
  onFilter,
  onRemove,
}: LabelFiltersProps): JSX.Element | null {
  if (labels.length === 0) return null;
  return (
    <div className="label-filters" data-testid="metrics-label-filters">
      {labels.map(({ label, values }) => {
        const filter = filters.find((candidate) => candidate.label === label);
        const picked = filter?.mode === 'values' ? filter.values : [];
        const active =
          filter !== undefined && (filter.mode === 'regex' ? filter.pattern !== '' : picked.length > 0);
        return (
          <details
            key={label}
            className="label-filters__label"
            data-testid={`metrics-filter-${label}`}
            data-active={active}
          >
            <summary>
              {label}
              {filter?.mode === 'values' && picked.length > 0 && ` = ${picked.join(' | ')}`}
              {filter?.mode === 'regex' && filter.pattern !== '' && ` =~ ${filter.pattern}`}
              <span className="muted"> ({values.length})</span>
            </summary>
            <div className="label-filters__panel">
              <div className="segmented" role="group" aria-label={`How to filter ${label}`}>
                <button
                  type="button"
                  className="segmented__button"
                  aria-pressed={filter?.mode !== 'regex'}
                  onClick={() => onFilter({ label, mode: 'values', values: [] })}
                >
                  Values
                </button>
                <button
                  type="button"
                  className="segmented__button"
                  aria-pressed={filter?.mode === 'regex'}
                  data-testid={`metrics-filter-${label}-regex-mode`}
                  onClick={() => onFilter({ label, mode: 'regex', pattern: '' })}
                >
                  Regex
                </button>
              </div>
              {filter?.mode === 'regex' ? (
                <input
                  className="mono"
                  aria-label={`Regex for ${label}`}
                  data-testid={`metrics-filter-${label}-regex`}
                  placeholder="sd[a-z]|nvme.*"
                  value={filter.pattern}
                  onChange={(event) => onFilter({ label, mode: 'regex', pattern: event.target.value })}
                />
              ) : (
                <ul className="label-filters__values">
                  {values.slice(0, valuesShown).map(({ value, count }) => (
                    <li key={value}>
                      <label>
                        <input
                          type="checkbox"
                          checked={picked.includes(value)}
                          data-testid={`metrics-filter-${label}-value`}
                          data-value={value}
                          onChange={() =>
                            onFilter({
                              label,
                              mode: 'values',
                              values: picked.includes(value)
                                ? picked.filter((v) => v !== value)
                                : [...picked, value],
                            })
                          }
                        />
                        <span className="mono">{value === '' ? '(empty)' : value}</span>
                        <span className="muted">{count}</span>
                      </label>
                    </li>
                  ))}
                  {values.length > valuesShown && (
                    <li className="muted">{values.length - valuesShown} more: use a regex.</li>
                  )}
                </ul>
              )}
              {active && (
                <button
                  type="button"
                  className="button button--ghost button--small"
                  onClick={() => onRemove(label)}
                >
                  Clear
                </button>
              )}
            </div>
          </details>
        );
      })}
      {errors.map((error) => (
        <p key={error} className="field__error" role="alert">
          {error}
        </p>
      ))}
    </div>
  );
}
