// The saved hosts as a table: login, auth, how root-only steps run, the pinned key, and
// per host a key check (a re-pin when the key changed) and removal with confirmation.
import type { JSX } from 'react';
import type { Host, HostKey } from '@shared/contract';
import type { RemoveState } from '../../stores/hosts.store';
import { HostListRow } from './host-list-row.view';

export interface HostListProps {
  hosts: readonly Host[];
  keyChanges: Readonly<Record<string, HostKey>>;
  removing: RemoveState | undefined;
  busyRepinId: string | undefined;
  busyPreflightId: string | undefined;
  onRepin(id: string): void;
  onPreflight(id: string): void;
  onAskRemove(id: string): void;
  onCancelRemove(): void;
  onConfirmRemove(): void;
}

export function HostList({
  hosts,
  removing,
  keyChanges,
  busyRepinId,
  busyPreflightId,
  ...actions
}: HostListProps): JSX.Element {
  return (
    <div className="card hosts-list">
      <table className="hosts-table" data-testid="hosts-table">
        <caption className="visually-hidden">Saved hosts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Login</th>
            <th scope="col">Auth and root</th>
            <th scope="col">Pinned host key</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {hosts.map((host) => (
            <HostListRow
              key={host.id}
              host={host}
              keyChange={keyChanges[host.id]}
              removing={removing?.id === host.id ? removing : undefined}
              repinBusy={busyRepinId === host.id}
              preflightBusy={busyPreflightId === host.id}
              {...actions}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
