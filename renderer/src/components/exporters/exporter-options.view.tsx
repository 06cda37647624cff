// The chosen exporter's options: install style, a form for the parameters where the
// exporter has one, the parameters as JSON, and the scrape host.
import type { JSX, ReactNode } from 'react';
import type { CatalogEntry, InstallStyleName } from '@shared/contract';
import { styleLabels } from '../../stores/exporters.reducer';
import { describedBy, FormField } from '../form-field.view';

export interface ExporterOptionsProps {
  entry: CatalogEntry;
  style?: InstallStyleName;
  paramsText: string;
  paramsError?: string;
  host: string;
  /** A form for the parameters; the JSON box then stays as the advanced view. */
  paramsForm?: ReactNode;
  onStyle(style: InstallStyleName): void;
  onParams(text: string): void;
  onHost(host: string): void;
}

const paramsHint = 'A JSON object; anything left out takes the exporter’s default.';
const hostHint = 'Where Prometheus reaches the exporter. Empty means the server’s default (localhost).';

export function ExporterOptions(props: ExporterOptionsProps): JSX.Element {
  const { entry, style, paramsText, paramsError, host } = props;
  return (
    <div className="exporter-options">
      <div className="exporter-options__styles" role="group" aria-label="Install style">
        {entry.installStyles.map((item) => (
          <button
            key={item}
            type="button"
            className={
              item === style
                ? 'button button--small button--primary'
                : 'button button--small button--secondary'
            }
            aria-pressed={item === style}
            data-testid={`exporter-style-${item}`}
            onClick={() => props.onStyle(item)}
          >
            {styleLabels[item]}
          </button>
        ))}
      </div>
      {props.paramsForm}
      <div className="exporter-options__fields">
        <FormField
          id="exporter-params"
          label={props.paramsForm ? 'Parameters as JSON (advanced)' : 'Parameters'}
          hint={paramsHint}
          error={paramsError}
        >
          <textarea
            id="exporter-params"
            className="exporter-options__params"
            rows={4}
            spellCheck={false}
            value={paramsText}
            aria-invalid={paramsError ? true : undefined}
            aria-describedby={describedBy('exporter-params', true, paramsError)}
            data-testid="exporter-params"
            onChange={(event) => props.onParams(event.target.value)}
          />
        </FormField>
        <FormField id="exporter-host" label="Scrape host" hint={hostHint}>
          <input
            id="exporter-host"
            type="text"
            spellCheck={false}
            autoComplete="off"
            placeholder="localhost"
            value={host}
            aria-describedby={describedBy('exporter-host', true, undefined)}
            data-testid="exporter-host"
            onChange={(event) => props.onHost(event.target.value)}
          />
        </FormField>
      </div>
    </div>
  );
}
