// Checking a saved host's key: the key it presents now beside the pinned one. The same key
// needs nothing; a different one is pinned only after the person confirms it, because a
// changed key is what an interception looks like as much as a reinstalled host.
import type { JSX } from 'react';
import type { SshHostRecord } from '@shared/contract';
import type { RepinState } from '../../stores/hosts.store';
import { ApiErrorNotice } from './api-error.view';
import { HostKeyFingerprint } from './host-key-fingerprint.view';

export interface RepinPanelProps {
  host: SshHostRecord;
  repin: RepinState;
  onConfirm(): void;
  onClose(): void;
}

function RepinBody({ host, repin, onConfirm }: Omit<RepinPanelProps, 'onClose'>): JSX.Element | null {
  const { presented, status } = repin;
  if (status === 'scanning') return <p role="status">Reading the key {host.address} presents…</p>;
  if (status === 'done')
    return (
      <p className="form-status--saved" role="status" data-testid="repin-done">
        Pinned the new key. Connections to {host.name} use it from now on.
      </p>
    );
  if (!presented) return null;
  if (presented.fingerprint === host.hostKey.fingerprint)
    return (
      <p role="status" data-testid="repin-same">
        {host.address} still presents the pinned key ({presented.fingerprint}): nothing to re-pin.
      </p>
    );
  return (
    <>
      <div className="notice notice--warn" data-testid="repin-changed">
        <p>
          {host.name} presents a different key from the one pinned on this host (
          <code data-testid="repin-pinned">{host.hostKey.fingerprint}</code>). Someone may be intercepting the
          connection; or the host was reinstalled. Trust the new key only once you have compared it on the
          host.
        </p>
      </div>
      <HostKeyFingerprint hostKey={presented} address={host.address} testId="repin-key" />
      <div className="form-actions">
        <button
          type="button"
          className="button button--primary"
          data-testid="repin-confirm"
          disabled={status === 'saving'}
          onClick={onConfirm}
        >
          {status === 'saving' ? 'Pinning…' : 'Trust the new key'}
        </button>
      </div>
    </>
  );
}

export function RepinPanel({ host, repin, onConfirm, onClose }: RepinPanelProps): JSX.Element {
  return (
    <section
      className="card repin-panel"
      aria-labelledby="repin-title"
      data-testid="repin-panel"
      data-status={repin.status}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <div className="repin-panel__bar">
        <h2 id="repin-title" className="card__title" tabIndex={-1}>
          Host key of {host.name}
        </h2>
        <button
          type="button"
          className="button button--small button--ghost"
          data-testid="repin-close"
          disabled={repin.status === 'saving'}
          onClick={onClose}
        >
          Close
        </button>
      </div>
      <RepinBody host={host} repin={repin} onConfirm={onConfirm} />
      {repin.error && <ApiErrorNotice error={repin.error} testId="repin-error" />}
    </section>
  );
}
