// The scan form's editable copy, kept as typed text, and how it becomes a ScanInput.
// SNMPv3 keys live here only until the scan starts: they go to secrets.put and only the
// returned ids reach the scan input; the server does all the validating.
import { SnmpV3CredentialSchema, type ScanInput, type SnmpV3Credential } from '@shared/contract';

export const snmpV3Levels = SnmpV3CredentialSchema.shape.level.options;
export const snmpAuthProtocols = SnmpV3CredentialSchema.shape.authProtocol.unwrap().options;
export const snmpPrivProtocols = SnmpV3CredentialSchema.shape.privProtocol.unwrap().options;

export type SnmpV3Level = SnmpV3Credential['level'];
export type SnmpAuthProtocol = (typeof snmpAuthProtocols)[number];
export type SnmpPrivProtocol = (typeof snmpPrivProtocols)[number];

export interface ScanDraft {
  /** CIDRs, ranges, addresses and hostnames, separated by commas or spaces. */
  targets: string;
  /** True once the person typed in the targets box; suggestions no longer prefill it. */
  targetsEdited: boolean;
  communities: string;
  v3User: string;
  v3Level: SnmpV3Level;
  v3AuthProtocol: SnmpAuthProtocol;
  v3AuthKey: string;
  v3PrivProtocol: SnmpPrivProtocol;
  v3PrivKey: string;
  /** Empty means the engine's default port table. */
  ports: string;
  /** Empty speed fields mean "as in Settings". */
  timeoutMs: string;
  retries: string;
  packetsPerSecond: string;
  allowLarge: boolean;
}

/** Secret-store ids of the v3 keys already handed over, reused while the user stays the same. */
export interface StoredV3Keys {
  auth?: string;
  priv?: string;
}

export interface SecretToStore {
  slot: keyof StoredV3Keys;
  value: string;
  label: string;
}

export function emptyScanDraft(): ScanDraft {
  return {
    targets: '',
    targetsEdited: false,
    communities: 'public',
    v3User: '',
    v3Level: 'authPriv',
    v3AuthProtocol: 'sha',
    v3AuthKey: '',
    v3PrivProtocol: 'aes',
    v3PrivKey: '',
    ports: '',
    timeoutMs: '',
    retries: '',
    packetsPerSecond: '',
    allowLarge: false,
  };
}

/** "10.0.0.0/24, nas.lan  10.0.1.5" → ['10.0.0.0/24', 'nas.lan', '10.0.1.5'] */
export function splitList(text: string): string[] {
  return text.split(/[\s,]+/).filter((part) => part !== '');
}

/** Adds the target when it is not in the list yet, removes it when it is. */
export function toggleTarget(targets: string, target: string): string {
  const list = splitList(targets);
  const next = list.includes(target) ? list.filter((item) => item !== target) : [...list, target];
  return next.join(', ');
}

/** The keys typed for the v3 user that the chosen level needs. */
export function secretsToStore(draft: ScanDraft): SecretToStore[] {
  const user = draft.v3User.trim();
  if (user === '' || draft.v3Level === 'noAuthNoPriv') return [];
  const secrets: SecretToStore[] = [];
  if (draft.v3AuthKey !== '')
    secrets.push({ slot: 'auth', value: draft.v3AuthKey, label: `SNMPv3 authentication key of ${user}` });
  if (draft.v3Level === 'authPriv' && draft.v3PrivKey !== '')
    secrets.push({ slot: 'priv', value: draft.v3PrivKey, label: `SNMPv3 privacy key of ${user}` });
  return secrets;
}

export function buildScanInput(draft: ScanDraft, keys: StoredV3Keys): ScanInput {
  const user = draft.v3User.trim();
  const ports = splitList(draft.ports);
  return {
    targets: splitList(draft.targets),
    allowLarge: draft.allowLarge,
    snmp: {
      enabled: true,
      communities: splitList(draft.communities),
      v3: user === '' ? [] : [v3Credential(draft, user, keys)],
    },
    ...(ports.length > 0 ? { ports: ports.map(Number) } : {}),
    ...optionalNumber('timeoutMs', draft.timeoutMs),
    ...optionalNumber('retries', draft.retries),
    ...optionalNumber('packetsPerSecond', draft.packetsPerSecond),
  };
}

function v3Credential(draft: ScanDraft, user: string, keys: StoredV3Keys): SnmpV3Credential {
  // A missing key id is left out rather than invented: the server then says what is missing.
  const auth =
    draft.v3Level === 'noAuthNoPriv'
      ? {}
      : { authProtocol: draft.v3AuthProtocol, ...(keys.auth ? { authKeySecretId: keys.auth } : {}) };
  const priv =
    draft.v3Level === 'authPriv'
      ? { privProtocol: draft.v3PrivProtocol, ...(keys.priv ? { privKeySecretId: keys.priv } : {}) }
      : {};
  return { user, level: draft.v3Level, ...auth, ...priv };
}

function optionalNumber<K extends string>(key: K, text: string): Partial<Record<K, number>> {
  // A non-number becomes NaN so the server's validation names the field.
  return text.trim() === '' ? {} : ({ [key]: Number(text) } as Partial<Record<K, number>>);
}
