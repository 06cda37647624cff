// Our v3 enum names mapped to net-snmp's constants in one place, and the net-snmp
// user built from a resolved credential. Keys pass through untouched and are never
// put in an error message.
import snmp from 'net-snmp';
import { PromsteadError, type SnmpV3Credential } from '@shared/contract';
import type { ResolvedV3Credential } from './snmp-types';

type SecurityLevelName = SnmpV3Credential['level'];
type AuthProtocolName = NonNullable<SnmpV3Credential['authProtocol']>;
type PrivProtocolName = NonNullable<SnmpV3Credential['privProtocol']>;

export const securityLevels = {
  noAuthNoPriv: snmp.SecurityLevel.noAuthNoPriv,
  authNoPriv: snmp.SecurityLevel.authNoPriv,
  authPriv: snmp.SecurityLevel.authPriv,
} as const satisfies Record<SecurityLevelName, snmp.SecurityLevel>;

export const authProtocols = {
  md5: snmp.AuthProtocols.md5,
  sha: snmp.AuthProtocols.sha,
  sha224: snmp.AuthProtocols.sha224,
  sha256: snmp.AuthProtocols.sha256,
  sha384: snmp.AuthProtocols.sha384,
  sha512: snmp.AuthProtocols.sha512,
} as const satisfies Record<AuthProtocolName, snmp.AuthProtocols>;

/**
 * aes256b and aes256r are AES-256 with Blumenthal's and Reeder's key localisation:
 * agents implement one or the other (Cisco: Reeder), so the user must pick.
 */
export const privProtocols = {
  des: snmp.PrivProtocols.des,
  aes: snmp.PrivProtocols.aes,
  aes256b: snmp.PrivProtocols.aes256b,
  aes256r: snmp.PrivProtocols.aes256r,
} as const satisfies Record<PrivProtocolName, snmp.PrivProtocols>;

/** The net-snmp user for a credential; VALIDATION when its level needs a key it lacks. */
export function toNetSnmpUser(credential: ResolvedV3Credential): snmp.User {
  const user: snmp.User = { name: credential.user, level: securityLevels[credential.level] };
  if (credential.level === 'noAuthNoPriv') return user;
  if (!credential.authProtocol || !credential.authKey) {
    throw new PromsteadError(
      'VALIDATION',
      `SNMPv3 user ${credential.user}: ${credential.level} needs an authentication protocol and key.`,
    );
  }
  user.authProtocol = authProtocols[credential.authProtocol];
  user.authKey = credential.authKey;
  if (credential.level === 'authNoPriv') return user;
  if (!credential.privProtocol || !credential.privKey) {
    throw new PromsteadError(
      'VALIDATION',
      `SNMPv3 user ${credential.user}: authPriv needs a privacy protocol and key.`,
    );
  }
  user.privProtocol = privProtocols[credential.privProtocol];
  user.privKey = credential.privKey;
  return user;
}
