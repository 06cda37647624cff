// The scan card: targets with this machine's subnets as one-click suggestions, the
// options, Start and Cancel. A VALIDATION answer is shown under the targets, any other
// error under the buttons. Browser checks are off so the server's validation decides.
import type { JSX } from 'react';
import type { ApiError, Settings, SubnetSuggestion } from '@shared/contract';
import { splitList, type ScanDraft, type StoredV3Keys } from '../../stores/scan-draft';
import { describedBy, FormField } from '../form-field.view';
import { ScanOptions } from './scan-options.view';

export interface ScanFormProps {
  draft: ScanDraft;
  storedKeys: StoredV3Keys;
  suggestions: readonly SubnetSuggestion[];
  suggestionsError: string | undefined;
  scanSettings: Settings['scan'] | undefined;
  optionsOpen: boolean;
  starting: boolean;
  running: boolean;
  cancelPending: boolean;
  cancelError: string | undefined;
  error: ApiError | undefined;
  onEdit(change: Partial<ScanDraft>): void;
  onToggleSuggestion(cidr: string): void;
  onToggleOptions(): void;
  onStart(): void;
  onCancel(): void;
}

const optionsId = 'discover-options';

export function ScanForm(props: ScanFormProps): JSX.Element {
  const { draft, suggestions, starting, running, error } = props;
  const validation = error?.code === 'VALIDATION' ? error.message : undefined;
  const chosen = new Set(splitList(draft.targets));
  return (
    <form
      className="card scan-form"
      aria-labelledby="scan-form-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        props.onStart();
      }}
    >
      <h2 id="scan-form-title" className="card__title">
        Scan
      </h2>
      <FormField
        id="discover-targets"
        label="Targets"
        hint="CIDRs, ranges (10.0.0.1-50), addresses or hostnames, separated by commas or spaces."
        error={validation}
        errorTestId="discover-error"
      >
        <input
          id="discover-targets"
          data-testid="discover-targets"
          className="scan-form__targets"
          type="text"
          spellCheck={false}
          autoComplete="off"
          placeholder="192.168.1.0/24"
          value={draft.targets}
          onChange={(event) => props.onEdit({ targets: event.target.value })}
          aria-invalid={validation ? true : undefined}
          aria-describedby={describedBy('discover-targets', true, validation)}
        />
      </FormField>
      {suggestions.length > 0 && (
        <div className="scan-form__suggestions" role="group" aria-label="Subnets of this machine">
          <span className="muted">This machine's subnets:</span>
          {suggestions.map((subnet) => (
            <button
              key={`${subnet.interface}-${subnet.cidr}`}
              type="button"
              className="chip"
              data-testid="discover-suggestion"
              data-cidr={subnet.cidr}
              aria-pressed={chosen.has(subnet.cidr)}
              title={`${subnet.interface}, this machine is ${subnet.address}`}
              onClick={() => props.onToggleSuggestion(subnet.cidr)}
            >
              {subnet.cidr} <span className="chip__detail">{subnet.interface}</span>
            </button>
          ))}
        </div>
      )}
      {props.suggestionsError && (
        <p className="muted">Could not list this machine's subnets: {props.suggestionsError}</p>
      )}
      <div>
        <button
          type="button"
          className="button button--ghost button--small scan-form__toggle"
          data-testid="discover-options-toggle"
          aria-expanded={props.optionsOpen}
          aria-controls={optionsId}
          onClick={props.onToggleOptions}
        >
          <svg className="scan-form__chevron" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M9 6l6 6l-6 6" />
          </svg>
          Options
        </button>
      </div>
      <ScanOptions
        id={optionsId}
        open={props.optionsOpen}
        draft={draft}
        storedKeys={props.storedKeys}
        scanSettings={props.scanSettings}
        onEdit={props.onEdit}
      />
      <div className="form-actions">
        <button
          type="submit"
          className="button button--primary"
          data-testid="discover-start"
          disabled={starting || running}
        >
          {starting ? 'Starting…' : running ? 'Scanning…' : 'Start scan'}
        </button>
        {running && (
          <button
            type="button"
            className="button button--secondary"
            data-testid="discover-cancel"
            disabled={props.cancelPending}
            onClick={props.onCancel}
          >
            {props.cancelPending ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      {error && !validation && (
        <div
          className="notice notice--danger"
          role="alert"
          data-testid="discover-error"
          data-code={error.code}
        >
          <p>
            {error.message} <span className="muted">({error.code})</span>
          </p>
        </div>
      )}
      {props.cancelError && (
        <p className="notice notice--danger" role="alert">
          Could not cancel: {props.cancelError}
        </p>
      )}
    </form>
  );
}
