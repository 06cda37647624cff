// The exporters to deploy: the catalog as checkboxes (discovery's suggestions come
// preselected, with the reason), and for each chosen one its parameters as JSON, or its
// own form (blackbox_exporter's modules) with the JSON folded away as the advanced view.
import type { JSX, ReactNode } from 'react';
import type { CatalogEntry, ExporterId } from '@shared/contract';
import type { Selection } from '../../stores/deploy-selection';
import { parseParams } from '../../stores/exporters.reducer';
import { describedBy, FormField } from '../form-field.view';

export interface ExporterPickerProps {
  catalog: readonly CatalogEntry[];
  selection: Selection;
  suggestedFrom: string | undefined;
  disabled: boolean;
  onToggle(exporter: ExporterId): void;
  onParams(exporter: ExporterId, text: string): void;
  /** A form for the exporter's parameters, when it has one. */
  paramsFormFor?(exporter: ExporterId): ReactNode;
}

const paramsHint = 'A JSON object, e.g. {"port": 9100}; anything left out takes the exporter’s default.';

export function ExporterPicker(props: ExporterPickerProps): JSX.Element {
  const { catalog, selection, suggestedFrom, disabled } = props;
  return (
    <fieldset className="deploy-exporters" data-testid="deploy-exporters" disabled={disabled}>
      <legend className="card__title">Exporters</legend>
      <p className="muted" data-testid="deploy-suggested-from">
        {suggestedFrom
          ? `Preselected: what discovery suggested for ${suggestedFrom} and is not running there yet.`
          : 'Discovery has nothing to suggest for this host; choose what to deploy.'}
      </p>
      <ul className="deploy-exporters__list">
        {catalog.map((entry) => {
          // The catalog's ids are the contract's exporter ids.
          const id = entry.id as ExporterId;
          const chosen = selection[id];
          const paramsError = chosen ? errorOf(chosen.paramsText) : undefined;
          const fieldId = `deploy-params-${id}`;
          const paramsForm = chosen ? props.paramsFormFor?.(id) : undefined;
          const jsonField = chosen && (
            <FormField
              id={fieldId}
              label={paramsForm ? `${entry.name} parameters as JSON (advanced)` : `${entry.name} parameters`}
              hint={paramsHint}
              error={paramsError}
            >
              <textarea
                id={fieldId}
                className="deploy-exporters__params"
                rows={paramsForm ? 6 : 3}
                spellCheck={false}
                value={chosen.paramsText}
                aria-invalid={paramsError ? true : undefined}
                aria-describedby={describedBy(fieldId, true, paramsError)}
                data-testid="deploy-exporter-params"
                onChange={(event) => props.onParams(id, event.target.value)}
              />
            </FormField>
          );
          return (
            <li
              key={id}
              className="deploy-exporters__item"
              data-testid={`deploy-exporter-${id}`}
              data-chosen={chosen ? 'true' : 'false'}
            >
              <label className="deploy-exporters__choice">
                <input
                  type="checkbox"
                  data-testid="deploy-exporter-check"
                  checked={chosen !== undefined}
                  onChange={() => props.onToggle(id)}
                />
                <span className="deploy-exporters__name">{entry.name}</span>
                <span className="muted">
                  {' '}
                  :{entry.defaultPort} — {entry.summary}
                </span>
              </label>
              {chosen?.reason && (
                <p className="deploy-exporters__reason" data-testid="deploy-exporter-reason">
                  Suggested: {chosen.reason}
                </p>
              )}
              {paramsForm ? (
                <>
                  {paramsForm}
                  {/* Open when the JSON is broken: that is where it has to be fixed. */}
                  <details
                    className="deploy-exporters__advanced"
                    data-testid="deploy-exporter-advanced"
                    open={paramsError !== undefined}
                  >
                    <summary>Parameters as JSON</summary>
                    {jsonField}
                  </details>
                </>
              ) : (
                jsonField
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

function errorOf(text: string): string | undefined {
  const parsed = parseParams(text);
  return parsed.ok ? undefined : parsed.error;
}
