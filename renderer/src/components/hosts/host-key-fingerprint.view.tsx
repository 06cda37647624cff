// A host key to confirm: its type and SHA256 fingerprint, and how to read the same
// fingerprint on the host itself, so the person compares rather than trusts blindly.
import type { JSX } from 'react';
import type { HostKey } from '@shared/contract';
import { hostKeyFileFor } from './host-access-labels';

export interface HostKeyFingerprintProps {
  hostKey: HostKey;
  address: string;
  testId: string;
}

export function HostKeyFingerprint({ hostKey, address, testId }: HostKeyFingerprintProps): JSX.Element {
  const command = `ssh-keygen -lf ${hostKeyFileFor(hostKey.keyType)}`;
  return (
    <div className="host-key" data-testid={testId}>
      <dl className="facts">
        <dt>Key type</dt>
        <dd data-testid={`${testId}-type`}>{hostKey.keyType}</dd>
        <dt>Fingerprint</dt>
        <dd>
          <code className="host-key__fingerprint" data-testid={`${testId}-fingerprint`}>
            {hostKey.fingerprint}
          </code>
        </dd>
      </dl>
      <p className="host-key__explain">
        This is the key {address} presented. Before trusting it, compare it with the host's own: on the host
        (its console, or a session you already trust) run <code>{command}</code> and check that it prints the
        same <code>SHA256:…</code> fingerprint. If it differs, someone may be in between: do not trust it.
      </p>
    </div>
  );
}
