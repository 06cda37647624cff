// The shapes querySnmp takes and gives. Keys arrive already resolved from the
// SecretStore: this module never sees a secret id, and nothing here logs a key.
import type { ApiError, SnmpInfo, SnmpV3Credential } from '@shared/contract';

export type CommunityVersion = 'v1' | 'v2c';

/** A v3 credential with the passphrases themselves in place of their SecretStore ids. */
export type ResolvedV3Credential = Omit<SnmpV3Credential, 'authKeySecretId' | 'privKeySecretId'> & {
  authKey?: string;
  privKey?: string;
};

export interface SnmpQueryOptions {
  /** v1/v2c communities, in the order to try them. */
  communities: readonly string[];
  /** v3 users, tried before any community. */
  v3: readonly ResolvedV3Credential[];
  /** Versions to try for each community, in order; v2c then v1 when absent. */
  versions?: CommunityVersion[];
  /** Per request; a host without SNMP costs about one of these. */
  timeoutMs: number;
  /** Retransmissions per request (0 or 1 keeps a scan of silent hosts cheap). */
  retries: number;
  /** Aborting closes every session of the query and rejects it with CANCELLED. */
  signal?: AbortSignal;
  /** UDP port of the agent; 161 when absent. */
  port?: number;
}

/**
 * `info` when an agent answered. `error` alone when none did (SNMP_TIMEOUT, UNAUTHORIZED,
 * VALIDATION, TRANSPORT). Both when a community answered but a v3 user was refused: the
 * host is still described, and the person learns their v3 credential is wrong.
 */
export interface SnmpQueryResult {
  info?: SnmpInfo;
  error?: ApiError;
}
