// Where the host is and who logs in: address, port, user and an optional name.
import type { JSX } from 'react';
import type { DraftProblems, HostDraft } from '../../stores/host-draft';
import { DraftInput } from './draft-input.view';

export interface LoginFieldsProps {
  draft: HostDraft;
  problems: DraftProblems;
  readOnly: boolean;
  onEdit(change: Partial<HostDraft>): void;
}

export function LoginFields({ draft, problems, readOnly, onEdit }: LoginFieldsProps): JSX.Element {
  return (
    <div className="field-grid add-host__grid">
      <DraftInput
        id="host-address"
        label="Address"
        hint={draft.discoveredAddress ? 'From the Discover page.' : 'Host name or IP address.'}
        placeholder="192.168.1.20"
        value={draft.address}
        error={problems.address}
        readOnly={readOnly}
        onChange={(address) => onEdit({ address })}
      />
      <DraftInput
        id="host-port"
        label="SSH port"
        inputMode="numeric"
        value={draft.port}
        error={problems.port}
        readOnly={readOnly}
        onChange={(port) => onEdit({ port })}
      />
      <DraftInput
        id="host-username"
        label="User"
        placeholder="admin"
        value={draft.username}
        error={problems.username}
        readOnly={readOnly}
        onChange={(username) => onEdit({ username })}
      />
      <DraftInput
        id="host-name"
        label="Name (optional)"
        hint="Shown in the list; the address when empty."
        value={draft.name}
        readOnly={readOnly}
        onChange={(name) => onEdit({ name })}
      />
    </div>
  );
}
