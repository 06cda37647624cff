// The bearer token of an http_post_auth module: typed into a password box and handed to
// the secret store; the page then shows only the id it got back.
import type { JSX } from 'react';
import { describedBy } from '../form-field.view';

export interface BlackboxTokenFieldProps {
  id: string;
  /** The stored token's id, empty until one is saved. */
  secretId: string;
  /** The token as typed, until it is saved. */
  value: string;
  saving: boolean;
  /** Why the module cannot be used yet, or why storing failed. */
  error?: string;
  onInput(value: string): void;
  onSave(): void;
}

export function BlackboxTokenField(props: BlackboxTokenFieldProps): JSX.Element {
  const { id, secretId, value, saving, error } = props;
  const hintId = `${id}-hint`;
  const canSave = value !== '' && !saving;
  return (
    <div className={error ? 'field field--invalid' : 'field'} data-testid="blackbox-token">
      <label className="field__label" htmlFor={id}>
        {secretId ? 'Replace the bearer token' : 'Bearer token'}
      </label>
      <div className="blackbox-token__row">
        <input
          id={id}
          type="password"
          autoComplete="new-password"
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, true, error)}
          data-testid="blackbox-token-input"
          onChange={(event) => props.onInput(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && canSave) {
              event.preventDefault();
              props.onSave();
            }
          }}
        />
        <button
          type="button"
          className="button button--small button--secondary"
          disabled={!canSave}
          data-testid="blackbox-token-save"
          onClick={props.onSave}
        >
          {saving ? 'Storing…' : 'Store token'}
        </button>
      </div>
      <p id={hintId} className="field__hint" role="status" data-testid="blackbox-token-status">
        {secretId ? (
          <>
            Stored encrypted as <code>{secretId}</code>; blackbox.yml points at a file the deploy step fills.
          </>
        ) : (
          'Kept in Promstead’s encrypted secret store; only its id goes into the parameters.'
        )}
      </p>
      {error && (
        <p id={`${id}-error`} className="field__error" data-testid="blackbox-token-error">
          {error}
        </p>
      )}
    </div>
  );
}
