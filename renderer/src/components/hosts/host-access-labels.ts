// Words for a saved host's login, auth and privilege, what to do about each error code
// the Hosts page meets (SSH and Docker), and where on the host its key's fingerprint can be read.
import { connectionLabel, type ErrorCode, type Host, type SshHostRecord } from '@shared/contract';

export function loginLabel(host: Host): string {
  return connectionLabel(host);
}

export function authLabel(auth: SshHostRecord['auth']): string {
  switch (auth.kind) {
    case 'agent':
      return 'SSH agent';
    case 'keyFile':
      return auth.passphraseSecretId ? 'Key file (with passphrase)' : 'Key file';
    case 'password':
      return 'Password';
  }
}

export function privilegeLabel(privilege: SshHostRecord['privilege']): string {
  switch (privilege.kind) {
    case 'root':
      return 'Logs in as root';
    case 'sudo':
      return privilege.passwordSecretId ? 'sudo with password' : 'sudo without password';
    case 'none':
      return 'No root';
  }
}

/** The host key file on the host whose fingerprint the person should compare, by key type. */
export function hostKeyFileFor(keyType: string): string {
  if (keyType.includes('ed25519')) return '/etc/ssh/ssh_host_ed25519_key.pub';
  if (keyType.startsWith('ecdsa')) return '/etc/ssh/ssh_host_ecdsa_key.pub';
  if (keyType.includes('rsa')) return '/etc/ssh/ssh_host_rsa_key.pub';
  return '/etc/ssh/ssh_host_ed25519_key.pub';
}

/**
 * What the person can do next, for the codes adding or re-pinning a host can meet. One
 * table serves SSH hosts and Docker endpoints, so a code both meet is worded for both.
 */
const advice: Partial<Record<ErrorCode, string>> = {
  HOST_KEY_MISMATCH:
    'The host presented a different key from the one shown: it changed between the check and now. Nothing was saved. Check the key again and compare it with the host before trusting it.',
  SSH_AUTH_FAILED:
    'The host refused the login: check the user and the password, key file or agent. Nothing was saved.',
  SSH_UNREACHABLE:
    'Promstead could not reach SSH there: check the address and port, and that the host is on and sshd is running.',
  CONFLICT: 'This host is already in the list, as the message says: nothing was added.',
  DOCKER_UNREACHABLE:
    'Docker did not answer there: check the socket path, or the address and port and that dockerd listens on it with --tlsverify. Nothing was saved.',
  DOCKER_PERMISSION_DENIED:
    'This user may not use the Docker socket: add it to the docker group and log in again, then try again. Nothing was saved.',
  // On this page FORBIDDEN comes from a Docker TLS handshake, or from sudo on an SSH host.
  FORBIDDEN:
    'Refused. For Docker over TLS: the CA must be the one that signed the daemon’s certificate, and the client certificate and key must be ones the daemon trusts. For sudo, the message says what to change.',
  VALIDATION: 'Fix the field or file the message names and try again.',
  SECRET_UNAVAILABLE: 'The secret store could not hold the password: check the data folder and try again.',
  NOT_FOUND: 'The host is no longer saved: reload the list.',
};

export function adviceFor(code: ErrorCode): string | undefined {
  return advice[code];
}
