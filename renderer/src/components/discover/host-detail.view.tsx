// The selected host: how it was classified and why, what the scan learnt, the person's
// own name and notes (saved with discovery.annotate), and the way on to deployment.
import type { JSX } from 'react';
import type { DiscoveredHost } from '@shared/contract';
import { hostDisplayName } from '../../stores/discovery.selectors';
import type { AnnotationDraft, AnnotationStatus } from '../../stores/discovery.store';
import { hostKindLabels } from '../../stores/host-kinds';
import { HostFacts } from './host-facts.view';
import { formatConfidence } from './discovery-labels';
import { KindIcon } from './kind-icon.view';

export const hostDetailTitleId = 'host-detail-title';

export interface HostDetailProps {
  host: DiscoveredHost;
  annotation: AnnotationDraft | undefined;
  onEditAnnotation(change: Partial<Pick<AnnotationDraft, 'name' | 'notes'>>): void;
  onSaveAnnotation(): void;
  /** Opens the Hosts page's add dialog with this host's address. */
  onAddAsHost(): void;
  /** The saved host at this address, when there is one: deploying goes there. */
  savedHostId: string | undefined;
  /** Opens the Deploy page with the saved host chosen and its suggestions preselected. */
  onDeploySuggested(): void;
  onClose(): void;
}

const annotationStatusText: Record<AnnotationStatus, string> = {
  idle: '',
  editing: 'Unsaved changes',
  saving: 'Saving…',
  saved: 'Saved',
  error: '',
};

export function HostDetail({
  host,
  annotation,
  onEditAnnotation,
  onSaveAnnotation,
  onAddAsHost,
  savedHostId,
  onDeploySuggested,
  onClose,
}: HostDetailProps): JSX.Element {
  const { classification } = host;
  // Promstead deploys over SSH: a host that showed no SSH port cannot be added from here.
  const sshPort = host.services.find((service) => service.service === 'ssh')?.port;
  const saving = annotation?.status === 'saving';
  const toDeploy = host.suggestions.filter((suggestion) => !suggestion.present).length;
  return (
    <aside
      className="card host-detail"
      data-testid="host-detail"
      data-address={host.address}
      aria-labelledby={hostDetailTitleId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <div className="host-detail__bar">
        <KindIcon kind={classification.kind} />
        <h2 id={hostDetailTitleId} className="card__title host-detail__title" tabIndex={-1}>
          {hostDisplayName(host) ?? host.address}
          <span className="muted host-detail__address"> {host.address}</span>
        </h2>
        <button
          type="button"
          className="button button--small button--ghost"
          data-testid="host-detail-close"
          onClick={onClose}
        >
          Close
        </button>
      </div>

      <section className="host-detail__section" aria-labelledby="host-classification-title">
        <h3 id="host-classification-title" className="host-detail__heading">
          Classification
        </h3>
        <dl
          className="facts host-detail__facts"
          data-testid="host-classification"
          data-kind={classification.kind}
        >
          <dt>Kind</dt>
          <dd>{hostKindLabels[classification.kind]}</dd>
          <dt>Vendor</dt>
          <dd>{classification.vendor ?? '—'}</dd>
          <dt>Model</dt>
          <dd>{classification.model ?? '—'}</dd>
          <dt>Confidence</dt>
          <dd data-testid="host-confidence">{formatConfidence(classification.confidence)}</dd>
        </dl>
        {classification.evidence.length > 0 ? (
          <ul className="host-detail__evidence" data-testid="host-evidence" aria-label="Evidence">
            {classification.evidence.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">No evidence: nothing the scan found points to a kind.</p>
        )}
      </section>

      <HostFacts host={host} />

      <form
        className="host-detail__section host-annotate"
        aria-labelledby="host-annotate-title"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSaveAnnotation();
        }}
      >
        <h3 id="host-annotate-title" className="host-detail__heading">
          Your name and notes
        </h3>
        <div className="field">
          <label className="field__label" htmlFor="host-name-input">
            Name
          </label>
          <input
            id="host-name-input"
            data-testid="host-name-input"
            type="text"
            maxLength={100}
            autoComplete="off"
            readOnly={saving}
            value={annotation?.name ?? ''}
            onChange={(event) => onEditAnnotation({ name: event.target.value })}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="host-notes-input">
            Notes
          </label>
          <textarea
            id="host-notes-input"
            data-testid="host-notes-input"
            rows={3}
            maxLength={2000}
            readOnly={saving}
            value={annotation?.notes ?? ''}
            onChange={(event) => onEditAnnotation({ notes: event.target.value })}
          />
        </div>
        <div className="form-actions">
          <button
            type="submit"
            className="button button--secondary"
            data-testid="host-annotate-save"
            disabled={saving}
          >
            {saving ? 'Saving…' : 'Save'}
          </button>
          <p
            className={
              annotation?.status === 'error'
                ? 'form-status form-status--error'
                : `form-status form-status--${annotation?.status ?? 'idle'}`
            }
            data-testid="host-annotate-status"
            data-status={annotation?.status ?? 'idle'}
            role="status"
          >
            {annotation?.status === 'error'
              ? annotation.error
              : annotationStatusText[annotation?.status ?? 'idle']}
          </p>
        </div>
      </form>

      <div className="host-detail__section host-detail__deploy">
        {savedHostId ? (
          <>
            <button
              type="button"
              className="button button--primary"
              data-testid="host-deploy-suggested"
              aria-describedby="host-deploy-note"
              onClick={onDeploySuggested}
            >
              Deploy suggested exporters
            </button>
            <p id="host-deploy-note" className="muted">
              {toDeploy === 0
                ? 'Nothing suggested that is not running there already; choose exporters on the Deploy page.'
                : `${toDeploy} suggested ${toDeploy === 1 ? 'exporter' : 'exporters'} not running there yet.`}
            </p>
          </>
        ) : (
          <>
            <button
              type="button"
              className="button button--primary"
              data-testid="host-add-to-hosts"
              disabled={sshPort === undefined}
              aria-describedby="host-add-note"
              onClick={onAddAsHost}
            >
              Add to hosts
            </button>
            <p id="host-add-note" className="muted">
              {sshPort === undefined
                ? 'The scan found no SSH on this host: Promstead deploys over SSH.'
                : `SSH answered on port ${sshPort}: add it as a host first, then deploy its suggested exporters.`}
            </p>
          </>
        )}
      </div>
    </aside>
  );
}
