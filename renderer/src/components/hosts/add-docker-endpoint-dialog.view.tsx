// The add-Docker-endpoint dialog: this machine's Docker socket, or a daemon's TCP port with
// mutual TLS (certificate files on this machine). "Add" proves the daemon answers before
// anything is saved; a refusal keeps every field as typed. A native modal <dialog>.
import { useEffect, useRef, type JSX } from 'react';
import type { DockerConnectionChoice, DockerEndpointDraft } from '../../stores/docker-endpoint-draft';
import type { DockerDialog } from '../../stores/hosts.store';
import { ApiErrorNotice } from './api-error.view';
import { DraftInput } from './draft-input.view';

export interface AddDockerEndpointDialogProps {
  dialog: DockerDialog;
  onEdit(change: Partial<DockerEndpointDraft>): void;
  onAdd(): void;
  onClose(): void;
}

const connectionChoices: readonly { value: DockerConnectionChoice; label: string; line: string }[] = [
  {
    value: 'socket',
    label: "This computer's Docker (socket)",
    line: 'The Docker Engine on the machine Promstead runs on.',
  },
  {
    value: 'tls',
    label: 'Docker over TCP with TLS',
    line: 'A daemon listening with --tlsverify, reached with a client certificate.',
  },
];

const pathHint = 'The absolute path of the file on this machine.';

export function AddDockerEndpointDialog({
  dialog,
  onEdit,
  onAdd,
  onClose,
}: AddDockerEndpointDialogProps): JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  const { draft, step, problems, error } = dialog;
  const busy = step === 'adding';

  useEffect(() => {
    const element = ref.current;
    if (element && !element.open) element.showModal();
    // React's autoFocus runs before showModal moves focus, so focus the field afterwards.
    document.getElementById('docker-name')?.focus();
    return () => element?.close();
    // Only on opening: later edits must not move the focus.
  }, []);

  return (
    <dialog
      ref={ref}
      className="add-host"
      aria-labelledby="add-docker-title"
      data-testid="add-docker-dialog"
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
          onAdd();
        }}
      >
        <h2 id="add-docker-title" className="card__title">
          Add a Docker endpoint
        </h2>
        <div className="field-grid add-host__grid">
          <DraftInput
            id="docker-name"
            label="Name (optional)"
            hint="Shown in the list; the address when empty."
            value={draft.name}
            error={problems.name}
            readOnly={busy}
            onChange={(name) => onEdit({ name })}
          />
        </div>
        <fieldset className="docker-connection" disabled={busy} data-testid="docker-connection">
          <legend className="add-host__heading">Reach Docker through</legend>
          {connectionChoices.map((choice) => (
            <label key={choice.value} className="docker-connection__choice">
              <input
                type="radio"
                id={`docker-connection-${choice.value}`}
                data-testid={`docker-connection-${choice.value}`}
                name="docker-connection"
                value={choice.value}
                checked={draft.connection === choice.value}
                onChange={() => onEdit({ connection: choice.value })}
              />
              <span className="docker-connection__name">{choice.label}</span>
              <span className="muted">{choice.line}</span>
            </label>
          ))}
        </fieldset>

        <div className="field-grid add-host__grid">
          {draft.connection === 'socket' ? (
            <>
              <DraftInput
                id="docker-socket-path"
                label="Socket path"
                hint="The Docker socket on this machine; your user must be in the docker group."
                value={draft.socketPath}
                error={problems.socketPath}
                readOnly={busy}
                onChange={(socketPath) => onEdit({ socketPath })}
              />
              <DraftInput
                id="docker-local-address"
                label="Address Prometheus reaches this computer at"
                hint="127.0.0.1 when Prometheus runs here too; otherwise this computer's LAN address."
                value={draft.localAddress}
                error={problems.localAddress}
                readOnly={busy}
                onChange={(localAddress) => onEdit({ localAddress })}
              />
            </>
          ) : (
            <>
              <DraftInput
                id="docker-address"
                label="Address"
                hint="The name or IP address the daemon's certificate is made out to."
                placeholder="192.168.1.20"
                value={draft.address}
                error={problems.address}
                readOnly={busy}
                onChange={(address) => onEdit({ address })}
              />
              <DraftInput
                id="docker-port"
                label="TLS port"
                inputMode="numeric"
                value={draft.port}
                error={problems.port}
                readOnly={busy}
                onChange={(port) => onEdit({ port })}
              />
              <DraftInput
                id="docker-ca-path"
                label="CA certificate"
                hint={`The CA that signed the daemon's certificate. ${pathHint}`}
                placeholder="/home/you/.docker/ca.pem"
                value={draft.caPath}
                error={problems.caPath}
                readOnly={busy}
                onChange={(caPath) => onEdit({ caPath })}
              />
              <DraftInput
                id="docker-cert-path"
                label="Client certificate"
                hint={pathHint}
                placeholder="/home/you/.docker/cert.pem"
                value={draft.certPath}
                error={problems.certPath}
                readOnly={busy}
                onChange={(certPath) => onEdit({ certPath })}
              />
              <DraftInput
                id="docker-key-path"
                label="Client key"
                hint={pathHint}
                placeholder="/home/you/.docker/key.pem"
                value={draft.keyPath}
                error={problems.keyPath}
                readOnly={busy}
                onChange={(keyPath) => onEdit({ keyPath })}
              />
            </>
          )}
        </div>

        {error && <ApiErrorNotice error={error} testId="add-docker-error" />}
        <div className="form-actions add-host__actions">
          <button
            type="submit"
            className="button button--primary"
            data-testid="add-docker-submit"
            disabled={busy}
          >
            {busy ? 'Adding…' : 'Add endpoint'}
          </button>
          <button
            type="button"
            className="button button--ghost"
            data-testid="add-docker-cancel"
            disabled={busy}
            onClick={onClose}
          >
            Cancel
          </button>
          <p className="form-status" role="status" data-testid="add-docker-status">
            {busy ? 'Asking Docker for its version to prove it answers…' : ''}
          </p>
        </div>
      </form>
    </dialog>
  );
}
