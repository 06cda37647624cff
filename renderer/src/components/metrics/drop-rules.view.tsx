// The drop rules being built: each with what it matches, Preview (which series would go
// and the metric_relabel_configs YAML), and Save for a deployment's scrape job, or why
// saving is not offered for this target.
import type { JSX } from 'react';
import type { DropsState } from '../../stores/metrics/metrics-drops.store';
import { MetricsErrorNotice } from './metrics-error.view';

export interface DropRulesViewProps {
  drops: Pick<DropsState, 'rules' | 'preview' | 'save'>;
  refusal: string | undefined;
  onRemove(index: number): void;
  onPreview(): void;
  onSave(): void;
}

export function DropRulesView({
  drops,
  refusal,
  onRemove,
  onPreview,
  onSave,
}: DropRulesViewProps): JSX.Element {
  const { rules, preview, save } = drops;
  const perRule = preview.result?.perRule;
  return (
    <section className="drop-rules" data-testid="metrics-drop-rules" aria-label="Drop rules">
      <h3 className="card__title">Drop rules</h3>
      {rules.length === 0 ? (
        <p className="muted">Use “Drop this” on a family or a label value to build a rule.</p>
      ) : (
        <ol className="drop-rules__list">
          {rules.map((rule, index) => (
            <li key={`${rule.metric}${JSON.stringify(rule.labels)}`} data-testid="metrics-drop-rule">
              <span className="mono">
                {rule.metric}
                {Object.entries(rule.labels).map(([label, pattern]) => ` ${label}=~"${pattern}"`)}
              </span>
              {rule.note && <span className="muted"> · {rule.note}</span>}
              {perRule?.[index] !== undefined && (
                <span className="badge badge--muted">{perRule[index]} series</span>
              )}
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => onRemove(index)}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button button--secondary"
          data-testid="metrics-drop-preview"
          disabled={rules.length === 0 || preview.status === 'loading'}
          onClick={onPreview}
        >
          {preview.status === 'loading' ? 'Previewing…' : 'Preview'}
        </button>
        <button
          type="button"
          className="button button--primary"
          data-testid="metrics-drop-save"
          disabled={refusal !== undefined || preview.status !== 'ready' || save.status === 'saving'}
          title={refusal}
          onClick={onSave}
        >
          {save.status === 'saving' ? 'Saving…' : 'Save'}
        </button>
      </div>
      {refusal && rules.length > 0 && (
        <p className="muted" data-testid="metrics-drop-refusal">
          {refusal}
        </p>
      )}
      {preview.status === 'error' && preview.error && (
        <MetricsErrorNotice error={preview.error} testId="metrics-drop-preview-error" />
      )}
      {preview.status === 'ready' && preview.result && (
        <div className="drop-preview" data-testid="metrics-drop-preview-result">
          <p data-testid="metrics-drop-count" data-dropped={preview.result.seriesDropped}>
            {preview.result.seriesDropped.toLocaleString('en')} of{' '}
            {preview.result.seriesBefore.toLocaleString('en')} series would be dropped.
          </p>
          {preview.result.dropped.length > 0 && (
            <details>
              <summary>Series that would go</summary>
              <ul className="drop-preview__series mono">
                {preview.result.dropped.map((series) => (
                  <li key={series}>{series}</li>
                ))}
              </ul>
            </details>
          )}
          <p className="muted">metric_relabel_configs for the scrape job:</p>
          <pre className="drop-preview__yaml" data-testid="metrics-drop-yaml">
            {preview.result.relabelYaml}
          </pre>
        </div>
      )}
      {save.status === 'error' && save.error && (
        <MetricsErrorNotice error={save.error} testId="metrics-drop-save-error" />
      )}
      {save.status === 'saved' && (
        <p className="notice notice--ok" data-testid="metrics-drop-saved">
          Saved into the monitoring config.{' '}
          {save.prometheusHostId
            ? 'Deploy Prometheus to apply them.'
            : 'Promstead has no Prometheus deployed: they apply once one is.'}
        </p>
      )}
    </section>
  );
}
