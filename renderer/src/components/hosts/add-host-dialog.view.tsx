// The add-host dialog: login and auth fields, then "Check host key" shows the key to
// compare, then "Trust and add" pins it and proves the login. A native modal <dialog>
// keeps focus inside and closes on Escape.
import { useEffect, useRef, type JSX } from 'react';
import type { HostDraft } from '../../stores/host-draft';
import type { AddDialog } from '../../stores/hosts.store';
import { ApiErrorNotice } from './api-error.view';
import { AuthFields } from './auth-fields.view';
import { HostKeyFingerprint } from './host-key-fingerprint.view';
import { LoginFields } from './login-fields.view';

export interface AddHostDialogProps {
  dialog: AddDialog;
  onEdit(change: Partial<HostDraft>): void;
  onCheckKey(): void;
  onTrustAndAdd(): void;
  onClose(): void;
}

const stepStatus: Record<AddDialog['step'], string> = {
  edit: '',
  scanning: 'Reading the host key…',
  scanned: '',
  adding: 'Logging in to prove the credentials…',
};

export function AddHostDialog({
  dialog,
  onEdit,
  onCheckKey,
  onTrustAndAdd,
  onClose,
}: AddHostDialogProps): JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  const { draft, step, scannedKey, problems, error } = dialog;
  const busy = step === 'scanning' || step === 'adding';

  // Opened with an address (from Discover), the next thing to type is the user.
  const firstFieldId = draft.address === '' ? 'host-address' : 'host-username';
  useEffect(() => {
    const element = ref.current;
    if (element && !element.open) element.showModal();
    // React's autoFocus runs before showModal moves focus, so focus the field afterwards.
    document.getElementById(firstFieldId)?.focus();
    return () => element?.close();
    // Only on opening: later edits must not move the focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <dialog
      ref={ref}
      className="add-host"
      aria-labelledby="add-host-title"
      data-testid="add-host-dialog"
      data-step={step}
      onCancel={(event) => {
        // Escape closes, except while adding: the answer must land in an open dialog.
        event.preventDefault();
        onClose();
      }}
    >
      <form
        className="add-host__form"
        noValidate
        aria-busy={busy}
        onSubmit={(event) => {
          event.preventDefault();
          if (step === 'scanned') onTrustAndAdd();
          else onCheckKey();
        }}
      >
        <h2 id="add-host-title" className="card__title">
          Add a host
        </h2>
        <LoginFields draft={draft} problems={problems} readOnly={busy} onEdit={onEdit} />
        <AuthFields draft={draft} problems={problems} readOnly={busy} onEdit={onEdit} />

        {scannedKey && (
          <section className="add-host__key" aria-labelledby="add-host-key-title">
            <h3 id="add-host-key-title" className="add-host__heading">
              Host key
            </h3>
            <HostKeyFingerprint hostKey={scannedKey} address={draft.address} testId="add-host-key" />
          </section>
        )}
        {error && <ApiErrorNotice error={error} testId="add-host-error" />}
        <div className="form-actions add-host__actions">
          {step === 'scanned' || step === 'adding' ? (
            <>
              <button
                type="submit"
                className="button button--primary"
                data-testid="add-host-trust"
                disabled={busy}
              >
                {step === 'adding' ? 'Adding…' : 'Trust and add'}
              </button>
              <button
                type="button"
                className="button button--secondary"
                data-testid="add-host-check"
                disabled={busy}
                onClick={onCheckKey}
              >
                Check again
              </button>
            </>
          ) : (
            <button
              type="submit"
              className="button button--primary"
              data-testid="add-host-check"
              disabled={busy}
            >
              {step === 'scanning' ? 'Checking…' : 'Check host key'}
            </button>
          )}
          <button
            type="button"
            className="button button--ghost"
            data-testid="add-host-cancel"
            disabled={step === 'adding'}
            onClick={onClose}
          >
            Cancel
          </button>
          <p className="form-status" role="status" data-testid="add-host-status">
            {stepStatus[step]}
          </p>
        </div>
      </form>
    </dialog>
  );
}
