// Where to scrape: a deployment or an exporter a scan found (one list), or a URL with
// optional basic auth or bearer token (stored encrypted before use), a CA file and a
// pinned certificate fingerprint.
import type { JSX } from 'react';
import type { TargetChoice, UrlDraft } from '../../stores/metrics/metrics-targets';

export interface TargetPickerProps {
  choices: readonly TargetChoice[];
  chosenKey: string | undefined;
  loading: boolean;
  sourcesError?: string;
  draft: UrlDraft;
  draftError?: string;
  scraping: boolean;
  onChoose(choice: TargetChoice): void;
  onDraft(change: Partial<UrlDraft>): void;
  onScrapeUrl(): void;
}

export function TargetPicker(props: TargetPickerProps): JSX.Element {
  const { draft } = props;
  const deployed = props.choices.filter((choice) => choice.target.kind === 'deployment');
  const found = props.choices.filter((choice) => choice.target.kind === 'discovered');
  return (
    <div className="target-picker" data-testid="metrics-target-picker">
      <div className="field">
        <label className="field__label" htmlFor="metrics-target">
          Deployed or discovered exporter
        </label>
        <select
          id="metrics-target"
          data-testid="metrics-target"
          value={props.chosenKey ?? ''}
          disabled={props.scraping}
          onChange={(event) => {
            const choice = props.choices.find((candidate) => candidate.key === event.target.value);
            if (choice) props.onChoose(choice);
          }}
        >
          <option value="">{props.loading ? 'Loading…' : 'Choose an exporter…'}</option>
          {deployed.length > 0 && (
            <optgroup label="Deployed by Promstead">
              {deployed.map((choice) => (
                <option key={choice.key} value={choice.key}>
                  {choice.label}
                </option>
              ))}
            </optgroup>
          )}
          {found.length > 0 && (
            <optgroup label="Found by a scan">
              {found.map((choice) => (
                <option key={choice.key} value={choice.key}>
                  {choice.label}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        {props.sourcesError && <p className="field__error">{props.sourcesError}</p>}
      </div>

      <form
        className="target-picker__url"
        onSubmit={(event) => {
          event.preventDefault();
          props.onScrapeUrl();
        }}
      >
        <div className="field target-picker__url-field">
          <label className="field__label" htmlFor="metrics-url">
            Or a URL
          </label>
          <input
            id="metrics-url"
            data-testid="metrics-url"
            type="url"
            placeholder="http://nas.lan:9100/metrics"
            value={draft.url}
            onChange={(event) => props.onDraft({ url: event.target.value })}
          />
        </div>
        <button
          type="submit"
          className="button button--primary"
          data-testid="metrics-url-scrape"
          disabled={props.scraping}
        >
          Scrape
        </button>
        <details className="target-picker__options">
          <summary>Authentication and TLS</summary>
          <div className="field-grid">
            <div className="field">
              <label className="field__label" htmlFor="metrics-auth">
                Authentication
              </label>
              <select
                id="metrics-auth"
                data-testid="metrics-auth"
                value={draft.authKind}
                onChange={(event) => props.onDraft({ authKind: event.target.value as UrlDraft['authKind'] })}
              >
                <option value="none">None</option>
                <option value="basic">Basic (username and password)</option>
                <option value="bearer">Bearer token</option>
              </select>
            </div>
            {draft.authKind === 'basic' && (
              <>
                <div className="field">
                  <label className="field__label" htmlFor="metrics-username">
                    Username
                  </label>
                  <input
                    id="metrics-username"
                    autoComplete="off"
                    value={draft.username}
                    onChange={(event) => props.onDraft({ username: event.target.value })}
                  />
                </div>
                <div className="field">
                  <label className="field__label" htmlFor="metrics-password">
                    Password
                  </label>
                  <input
                    id="metrics-password"
                    type="password"
                    autoComplete="off"
                    value={draft.password}
                    onChange={(event) => props.onDraft({ password: event.target.value })}
                  />
                  <p className="field__hint">Stored encrypted; only a reference to it is kept.</p>
                </div>
              </>
            )}
            {draft.authKind === 'bearer' && (
              <div className="field">
                <label className="field__label" htmlFor="metrics-token">
                  Token
                </label>
                <input
                  id="metrics-token"
                  type="password"
                  autoComplete="off"
                  value={draft.token}
                  onChange={(event) => props.onDraft({ token: event.target.value })}
                />
                <p className="field__hint">Stored encrypted; only a reference to it is kept.</p>
              </div>
            )}
            <div className="field">
              <label className="field__label" htmlFor="metrics-ca">
                CA file (PEM, on this machine)
              </label>
              <input
                id="metrics-ca"
                placeholder="/etc/ssl/homelab-ca.pem"
                value={draft.caFile}
                onChange={(event) => props.onDraft({ caFile: event.target.value })}
              />
            </div>
            <div className="field">
              <label className="field__label" htmlFor="metrics-fingerprint">
                Pinned certificate (SHA-256)
              </label>
              <input
                id="metrics-fingerprint"
                placeholder="ab:cd:…"
                value={draft.fingerprint}
                onChange={(event) => props.onDraft({ fingerprint: event.target.value })}
              />
              <p className="field__hint">Trusts exactly this certificate, e.g. a self-signed exporter.</p>
            </div>
            <div className="field">
              <label className="field__label" htmlFor="metrics-server-name">
                Server name
              </label>
              <input
                id="metrics-server-name"
                placeholder="nas.lan"
                value={draft.serverName}
                onChange={(event) => props.onDraft({ serverName: event.target.value })}
              />
            </div>
          </div>
        </details>
      </form>
      {props.draftError && (
        <p className="notice notice--danger" role="alert" data-testid="metrics-url-error">
          {props.draftError}
        </p>
      )}
    </div>
  );
}
