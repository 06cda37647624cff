// One saved host. Removing asks first, in the row itself, and says what stays behind.
import type { JSX } from 'react';
import type { Host, HostKey } from '@shared/contract';
import type { RemoveState } from '../../stores/hosts.store';
import { StatusBadge } from '../status-badge.view';
import { ApiErrorNotice } from './api-error.view';
import { authLabel, loginLabel, privilegeLabel } from './host-access-labels';

export interface HostListRowProps {
  host: Host;
  keyChange: HostKey | undefined;
  removing: RemoveState | undefined;
  repinBusy: boolean;
  preflightBusy: boolean;
  onRepin(id: string): void;
  onPreflight(id: string): void;
  onAskRemove(id: string): void;
  onCancelRemove(): void;
  onConfirmRemove(): void;
}

export function HostListRow({
  host,
  keyChange,
  removing,
  repinBusy,
  preflightBusy,
  onRepin,
  onPreflight,
  onAskRemove,
  onCancelRemove,
  onConfirmRemove,
}: HostListRowProps): JSX.Element {
  return (
    <tr
      data-testid={`host-${host.id}`}
      data-address={host.address}
      data-username={host.kind === 'ssh' ? host.username : undefined}
      data-kind={host.kind}
    >
      <th scope="row" className="hosts-table__name">
        {host.name}
      </th>
      <td>
        <code data-testid="host-login">{loginLabel(host)}</code>
      </td>
      {host.kind === 'ssh' ? (
        <>
          <td>
            <span className="hosts-table__access">
              <span data-testid="host-auth-kind">{authLabel(host.auth)}</span>
              <span className="muted" data-testid="host-privilege-kind">
                {privilegeLabel(host.privilege)}
              </span>
            </span>
          </td>
          <td>
            <span className="hosts-table__key">
              <code data-testid="host-fingerprint" title={host.hostKey.keyType}>
                {host.hostKey.fingerprint}
              </code>
              {keyChange && <StatusBadge tone="danger" label="Key changed" />}
            </span>
          </td>
        </>
      ) : (
        <>
          <td>
            <span className="hosts-table__access">
              <span data-testid="host-auth-kind">
                {host.endpoint.kind === 'tls' ? 'Docker, client certificate' : "This machine's Docker"}
              </span>
              <span className="muted">Exporters reached at {host.address}</span>
            </span>
          </td>
          <td>
            {host.endpoint.kind === 'tls' ? (
              <code data-testid="host-ca" title="The CA the daemon's certificate must be signed by">
                CA {host.endpoint.caPath}
              </code>
            ) : (
              <span className="muted">local socket</span>
            )}
          </td>
        </>
      )}
      <td className="hosts-table__actions">
        {removing ? (
          <div className="hosts-remove" role="group" aria-label={`Remove ${host.name}?`}>
            <span>Remove {host.name}? What was deployed there stays.</span>
            <button
              type="button"
              className="button button--small button--danger"
              data-testid="host-remove-confirm"
              disabled={removing.pending}
              autoFocus
              onClick={onConfirmRemove}
            >
              {removing.pending ? 'Removing…' : 'Remove'}
            </button>
            <button
              type="button"
              className="button button--small button--ghost"
              data-testid="host-remove-cancel"
              disabled={removing.pending}
              onClick={onCancelRemove}
            >
              Keep
            </button>
            {removing.error && <ApiErrorNotice error={removing.error} testId="host-remove-error" />}
          </div>
        ) : (
          <>
            {host.kind === 'ssh' && (
              <button
                type="button"
                className="button button--small button--secondary"
                data-testid="host-preflight"
                disabled={preflightBusy}
                aria-label={`Run a preflight of ${host.name}`}
                onClick={() => onPreflight(host.id)}
              >
                {preflightBusy ? 'Checking…' : 'Preflight'}
              </button>
            )}
            {host.kind === 'ssh' && (
              <button
                type="button"
                className={
                  keyChange
                    ? 'button button--small button--primary'
                    : 'button button--small button--secondary'
                }
                data-testid="host-repin"
                disabled={repinBusy}
                aria-label={`${keyChange ? 'Re-pin the key of' : 'Check the key of'} ${host.name}`}
                onClick={() => onRepin(host.id)}
              >
                {keyChange ? 'Re-pin' : 'Check key'}
              </button>
            )}
            <button
              type="button"
              className="button button--small button--ghost"
              data-testid="host-remove"
              aria-label={`Remove ${host.name}`}
              onClick={() => onAskRemove(host.id)}
            >
              Remove
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
