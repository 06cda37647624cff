// The settings form. Browser-side constraint checks are off (noValidate) so the server's
// validation, the one source of truth, decides and its message is shown per field.
import type { JSX } from 'react';
import type { SettingsStatus } from '../stores/settings.store';
import type { FieldErrors, SettingsDraft, SettingsField } from '../stores/settings-draft';
import { describedBy, FormField } from './form-field.view';

export interface SettingsFormProps {
  draft: SettingsDraft;
  status: SettingsStatus;
  fieldErrors: FieldErrors;
  saveError: string | undefined;
  onEdit(change: Partial<SettingsDraft>): void;
  onSave(): void;
}

interface NumberFieldSpec {
  field: 'timeoutMs' | 'retries' | 'packetsPerSecond' | 'maxScrapeMiB' | 'maxSeries';
  testId: string;
  label: string;
  hint: string;
  min: number;
  max: number;
  step?: number;
}

const metricsFields: readonly NumberFieldSpec[] = [
  {
    field: 'maxScrapeMiB',
    testId: 'settings-metrics-max-bytes',
    label: 'Largest scrape (MiB)',
    hint: 'A scrape whose body is bigger stops with a clear error, 0.0625–1024 MiB (default 64).',
    min: 0.0625,
    max: 1024,
    step: 0.0625,
  },
  {
    field: 'maxSeries',
    testId: 'settings-metrics-max-series',
    label: 'Most series per scrape',
    hint: 'An exporter exposing more samples stops with a clear error, 1000–10000000 (default 500000).',
    min: 1000,
    max: 10_000_000,
  },
];

const numberFields: readonly NumberFieldSpec[] = [
  {
    field: 'timeoutMs',
    testId: 'settings-scan-timeout',
    label: 'Scan timeout (ms)',
    hint: 'How long to wait for each reply, 100–10000 ms.',
    min: 100,
    max: 10_000,
  },
  {
    field: 'retries',
    testId: 'settings-scan-retries',
    label: 'Retries',
    hint: 'Extra attempts per probe before a host counts as silent, 0–5.',
    min: 0,
    max: 5,
  },
  {
    field: 'packetsPerSecond',
    testId: 'settings-scan-rate',
    label: 'Packets per second',
    hint: 'Upper bound on the scan rate, 1–10000; lower it on a busy or fragile network.',
    min: 1,
    max: 10_000,
  },
];

const statusText: Record<SettingsStatus, string> = {
  idle: '',
  loading: 'Loading…',
  editing: 'Unsaved changes',
  saving: 'Saving…',
  saved: 'Saved',
  error: '',
};

export function SettingsForm({
  draft,
  status,
  fieldErrors,
  saveError,
  onEdit,
  onSave,
}: SettingsFormProps): JSX.Element {
  const idFor = (field: SettingsField): string => `settings-${field}`;
  const aria = (field: SettingsField, hasHint: boolean) => ({
    'aria-invalid': fieldErrors[field] ? true : undefined,
    'aria-describedby': describedBy(idFor(field), hasHint, fieldErrors[field]),
  });
  const numberInput = (spec: NumberFieldSpec): JSX.Element => (
    <FormField
      key={spec.field}
      id={idFor(spec.field)}
      label={spec.label}
      hint={spec.hint}
      error={fieldErrors[spec.field]}
      errorTestId={`${spec.testId}-error`}
    >
      <input
        id={idFor(spec.field)}
        data-testid={spec.testId}
        type="number"
        inputMode="numeric"
        min={spec.min}
        max={spec.max}
        step={spec.step ?? 1}
        value={draft[spec.field]}
        onChange={(event) => onEdit({ [spec.field]: event.target.value })}
        {...aria(spec.field, true)}
      />
    </FormField>
  );
  return (
    <form
      className="settings-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSave();
      }}
    >
      <fieldset className="card">
        <legend className="card__title">Appearance</legend>
        <FormField
          id={idFor('theme')}
          label="Theme"
          hint="System follows your operating system's light or dark mode."
        >
          <select
            id={idFor('theme')}
            data-testid="settings-theme"
            value={draft.theme}
            onChange={(event) => onEdit({ theme: event.target.value as SettingsDraft['theme'] })}
            {...aria('theme', true)}
          >
            <option value="system">System</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </FormField>
      </fieldset>

      <fieldset className="card">
        <legend className="card__title">Network scans</legend>
        <div className="field-grid">{numberFields.map(numberInput)}</div>
      </fieldset>

      <fieldset className="card">
        <legend className="card__title">Deployments</legend>
        <div className="field-grid">
          <FormField
            id={idFor('registryMirror')}
            label="Registry mirror"
            hint="Optional. Pull exporter images through this registry, for example registry.lan:5000."
            error={fieldErrors.registryMirror}
            errorTestId="settings-registry-mirror-error"
          >
            <input
              id={idFor('registryMirror')}
              data-testid="settings-registry-mirror"
              type="text"
              spellCheck={false}
              autoComplete="off"
              placeholder="registry.lan:5000"
              value={draft.registryMirror}
              onChange={(event) => onEdit({ registryMirror: event.target.value })}
              {...aria('registryMirror', true)}
            />
          </FormField>
          <FormField
            id={idFor('defaultScrapeInterval')}
            label="Default scrape interval"
            hint="Used for new Prometheus scrape jobs."
            error={fieldErrors.defaultScrapeInterval}
          >
            <select
              id={idFor('defaultScrapeInterval')}
              data-testid="settings-scrape-interval"
              value={draft.defaultScrapeInterval}
              onChange={(event) =>
                onEdit({
                  defaultScrapeInterval: event.target.value as SettingsDraft['defaultScrapeInterval'],
                })
              }
              {...aria('defaultScrapeInterval', true)}
            >
              <option value="15s">15 seconds</option>
              <option value="30s">30 seconds</option>
              <option value="60s">60 seconds</option>
            </select>
          </FormField>
        </div>
      </fieldset>

      <fieldset className="card">
        <legend className="card__title">Metric viewer</legend>
        <div className="field-grid">{metricsFields.map(numberInput)}</div>
      </fieldset>

      <div className="form-actions">
        <button
          type="submit"
          className="button button--primary"
          data-testid="settings-save"
          disabled={status === 'saving'}
        >
          {status === 'saving' ? 'Saving…' : 'Save'}
        </button>
        <p
          className={
            status === 'error' ? 'form-status form-status--error' : `form-status form-status--${status}`
          }
          data-testid="settings-status"
          data-status={status}
          role="status"
        >
          {status === 'error' ? saveError : statusText[status]}
        </p>
      </div>
    </form>
  );
}
