// One artefact: its title, where it goes on the host, its content, and Copy and Save.
import type { JSX } from 'react';
import type { Artefact } from '@shared/contract';
import { artefactTestId, placementOf } from '../../stores/exporters.reducer';
import type { CopyFeedback } from '../../stores/exporters.store';

export interface ArtefactPreviewProps {
  artefact: Artefact;
  copy?: CopyFeedback['state'];
  onCopy(artefact: Artefact): void;
  onSave(artefact: Artefact): void;
}

export function ArtefactPreview({ artefact, copy, onCopy, onSave }: ArtefactPreviewProps): JSX.Element {
  const placement = placementOf(artefact);
  const titleId = `${artefactTestId(artefact.id)}-title`;
  return (
    <article className="card artefact" aria-labelledby={titleId} data-testid={artefactTestId(artefact.id)}>
      <header className="artefact__bar">
        <div className="artefact__heading">
          <h3 id={titleId} className="card__title">
            {artefact.title}
          </h3>
          <p className="artefact__meta muted">
            <code>{artefact.filename}</code>
            {placement && (
              <span data-testid="artefact-placement">
                {' → '}
                {placement}
              </span>
            )}
          </p>
        </div>
        <div className="artefact__actions">
          <span className="artefact__copied" role="status">
            {copy === 'copied' ? 'Copied' : copy === 'failed' ? 'Could not copy' : ''}
          </span>
          <button
            type="button"
            className="button button--small button--secondary"
            data-testid="artefact-copy"
            onClick={() => onCopy(artefact)}
          >
            Copy
          </button>
          <button
            type="button"
            className="button button--small button--secondary"
            data-testid="artefact-save"
            onClick={() => onSave(artefact)}
          >
            Save
          </button>
        </div>
      </header>
      <pre className="artefact__content" data-language={artefact.language}>
        <code>{artefact.content}</code>
      </pre>
    </article>
  );
}
