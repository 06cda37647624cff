// The add-host form's editable copy, kept as typed text, and how it becomes a HostAddInput.
// Passwords and passphrases live here only until "Trust and add": they go to secrets.put
// and only the returned ids reach hosts.add; the server does the full validating.
import type { ApiError, HostAddInput, HostAuth, HostKey, Privilege } from '@shared/contract';

export type AuthChoice = HostAuth['kind'];
export type PrivilegeChoice = 'none' | 'sudo' | 'sudoPassword' | 'root';

export interface HostDraft {
  address: string;
  port: string;
  username: string;
  name: string;
  auth: AuthChoice;
  keyPath: string;
  passphrase: string;
  password: string;
  privilege: PrivilegeChoice;
  sudoPassword: string;
  /** The discovered host this draft came from, when it did. */
  discoveredAddress?: string;
}

export type DraftField = 'address' | 'port' | 'username' | 'keyPath' | 'password' | 'sudoPassword';
export type DraftProblems = Partial<Record<DraftField, string>>;

/** The secret-bearing fields, and the slot each id fills in the input. */
export type SecretSlot = 'passphrase' | 'password' | 'sudoPassword';

export interface SecretToStore {
  slot: SecretSlot;
  value: string;
  label: string;
}

export type SecretIds = Partial<Record<SecretSlot, string>>;

export function emptyHostDraft(prefill: { address?: string; discoveredAddress?: string } = {}): HostDraft {
  return {
    address: prefill.address ?? '',
    port: '22',
    username: '',
    name: '',
    auth: 'keyFile',
    keyPath: '',
    passphrase: '',
    password: '',
    privilege: 'none',
    sudoPassword: '',
    ...(prefill.discoveredAddress ? { discoveredAddress: prefill.discoveredAddress } : {}),
  };
}

/** The port as a number, or undefined when it is not a whole number from 1 to 65535. */
export function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text.trim())) return undefined;
  const port = Number(text.trim());
  return port >= 1 && port <= 65_535 ? port : undefined;
}

/** What must be fixed before the host key can be checked. */
export function scanProblems(draft: HostDraft): DraftProblems {
  const problems: DraftProblems = {};
  if (draft.address.trim() === '') problems.address = 'Enter the host name or IP address.';
  if (parsePort(draft.port) === undefined) problems.port = 'A port from 1 to 65535.';
  return problems;
}

/** What must be fixed before the host can be added. */
export function addProblems(draft: HostDraft): DraftProblems {
  const problems = scanProblems(draft);
  if (draft.username.trim() === '') problems.username = 'Enter the user to log in as.';
  if (draft.auth === 'keyFile' && draft.keyPath.trim() === '')
    problems.keyPath = 'Enter the path of the private key file on this machine.';
  if (draft.auth === 'password' && draft.password === '') problems.password = 'Enter the password.';
  if (draft.privilege === 'sudoPassword' && draft.sudoPassword === '')
    problems.sudoPassword = 'Enter the sudo password, or choose sudo without a password.';
  return problems;
}

export function hasProblems(problems: DraftProblems): boolean {
  return Object.keys(problems).length > 0;
}

/** The secrets the draft holds that hosts.add will refer to by id. */
export function secretsToStore(draft: HostDraft): SecretToStore[] {
  const login = `${draft.username.trim()}@${draft.address.trim()}`;
  const secrets: SecretToStore[] = [];
  if (draft.auth === 'keyFile' && draft.passphrase !== '')
    secrets.push({ slot: 'passphrase', value: draft.passphrase, label: `SSH key passphrase for ${login}` });
  if (draft.auth === 'password')
    secrets.push({ slot: 'password', value: draft.password, label: `SSH password for ${login}` });
  if (draft.privilege === 'sudoPassword')
    secrets.push({ slot: 'sudoPassword', value: draft.sudoPassword, label: `sudo password for ${login}` });
  return secrets;
}

/** The draft with every secret emptied: what the store keeps once "Trust and add" starts. */
export function withoutSecrets(draft: HostDraft): HostDraft {
  return { ...draft, passphrase: '', password: '', sudoPassword: '' };
}

function authOf(draft: HostDraft, ids: SecretIds): HostAuth {
  switch (draft.auth) {
    case 'agent':
      return { kind: 'agent' };
    case 'keyFile':
      return {
        kind: 'keyFile',
        keyPath: draft.keyPath.trim(),
        ...(ids.passphrase ? { passphraseSecretId: ids.passphrase } : {}),
      };
    case 'password':
      return { kind: 'password', passwordSecretId: ids.password ?? '' };
  }
}

function privilegeOf(choice: PrivilegeChoice, ids: SecretIds): Privilege {
  switch (choice) {
    case 'none':
      return { kind: 'none' };
    case 'root':
      return { kind: 'root' };
    case 'sudo':
      return { kind: 'sudo' };
    case 'sudoPassword':
      return { kind: 'sudo', ...(ids.sudoPassword ? { passwordSecretId: ids.sudoPassword } : {}) };
  }
}

export function buildAddInput(draft: HostDraft, ids: SecretIds, fingerprint: string): HostAddInput {
  const name = draft.name.trim();
  return {
    ...(name ? { name } : {}),
    address: draft.address.trim(),
    port: parsePort(draft.port) ?? 22,
    username: draft.username.trim(),
    auth: authOf(draft, ids),
    fingerprint,
    privilege: privilegeOf(draft.privilege, ids),
    ...(draft.discoveredAddress ? { discoveredAddress: draft.discoveredAddress } : {}),
  };
}

/** The key a HOST_KEY_MISMATCH error says the host now presents, when it carries one. */
export function presentedKeyOf(error: ApiError): HostKey | undefined {
  if (error.code !== 'HOST_KEY_MISMATCH') return undefined;
  const details = error.details;
  if (typeof details !== 'object' || details === null) return undefined;
  const fingerprint: unknown = 'fingerprint' in details ? details.fingerprint : undefined;
  const keyType: unknown = 'keyType' in details ? details.keyType : undefined;
  if (typeof fingerprint !== 'string' || !fingerprint.startsWith('SHA256:')) return undefined;
  return { fingerprint, keyType: typeof keyType === 'string' ? keyType : 'unknown' };
}
