// How Promstead logs in: the SSH agent, a key file (with an optional passphrase) or a
// password. Passphrases and passwords go to the secret store when the host is added.
import type { JSX } from 'react';
import type { AuthChoice, DraftProblems, HostDraft, PrivilegeChoice } from '../../stores/host-draft';
import { FormField } from '../form-field.view';
import { DraftInput } from './draft-input.view';

export interface AuthFieldsProps {
  draft: HostDraft;
  problems: DraftProblems;
  readOnly: boolean;
  onEdit(change: Partial<HostDraft>): void;
}

const authChoices: readonly { value: AuthChoice; label: string }[] = [
  { value: 'agent', label: 'SSH agent' },
  { value: 'keyFile', label: 'Key file' },
  { value: 'password', label: 'Password' },
];

const privilegeChoices: readonly { value: PrivilegeChoice; label: string }[] = [
  { value: 'none', label: 'None (no root-only steps)' },
  { value: 'sudo', label: 'sudo without a password' },
  { value: 'sudoPassword', label: 'sudo with a password' },
  { value: 'root', label: 'The user is root' },
];

function isAuthChoice(value: string): value is AuthChoice {
  return authChoices.some((choice) => choice.value === value);
}

function isPrivilegeChoice(value: string): value is PrivilegeChoice {
  return privilegeChoices.some((choice) => choice.value === value);
}

export function AuthFields({ draft, problems, readOnly, onEdit }: AuthFieldsProps): JSX.Element {
  return (
    <div className="field-grid add-host__grid">
      <FormField id="host-auth" label="Log in with">
        <select
          id="host-auth"
          data-testid="host-auth"
          value={draft.auth}
          disabled={readOnly}
          onChange={(event) => {
            if (isAuthChoice(event.target.value)) onEdit({ auth: event.target.value });
          }}
        >
          {authChoices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </FormField>
      {draft.auth === 'keyFile' && (
        <>
          <DraftInput
            id="host-key-path"
            label="Private key file"
            hint="The full path of the file on the machine Promstead runs on."
            placeholder="/home/you/.ssh/id_ed25519"
            value={draft.keyPath}
            error={problems.keyPath}
            readOnly={readOnly}
            onChange={(keyPath) => onEdit({ keyPath })}
          />
          <DraftInput
            id="host-passphrase"
            label="Key passphrase (optional)"
            type="password"
            value={draft.passphrase}
            readOnly={readOnly}
            onChange={(passphrase) => onEdit({ passphrase })}
          />
        </>
      )}
      {draft.auth === 'password' && (
        <DraftInput
          id="host-password"
          label="Password"
          type="password"
          hint="Kept encrypted in the secret store."
          value={draft.password}
          error={problems.password}
          readOnly={readOnly}
          onChange={(password) => onEdit({ password })}
        />
      )}
      <FormField
        id="host-privilege"
        label="Root-only steps"
        hint="How installing units and system users gets root."
      >
        <select
          id="host-privilege"
          data-testid="host-privilege"
          value={draft.privilege}
          disabled={readOnly}
          aria-describedby="host-privilege-hint"
          onChange={(event) => {
            if (isPrivilegeChoice(event.target.value)) onEdit({ privilege: event.target.value });
          }}
        >
          {privilegeChoices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </FormField>
      {draft.privilege === 'sudoPassword' && (
        <DraftInput
          id="host-sudo-password"
          label="sudo password"
          type="password"
          value={draft.sudoPassword}
          error={problems.sudoPassword}
          readOnly={readOnly}
          onChange={(sudoPassword) => onEdit({ sudoPassword })}
        />
      )}
    </div>
  );
}
