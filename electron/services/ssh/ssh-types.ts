// The shapes the SSH layer takes and gives: who to connect to, with which resolved
// credentials, and what a remote command or file operation returns.

/** Credentials arrive resolved (read from the SecretStore by the caller); never logged. */
export type SshAuth =
  /** The user's ssh-agent: `socketPath`, else the environment's SSH_AUTH_SOCK. */
  | { kind: 'agent'; socketPath?: string }
  /** A private key read from a file on this machine, with its passphrase when encrypted. */
  | { kind: 'privateKey'; privateKeyPath: string; passphrase?: string }
  /** A private key already in memory (OpenSSH or PEM text). */
  | { kind: 'privateKey'; privateKey: string | Buffer; passphrase?: string }
  | { kind: 'password'; password: string };

export interface SshTarget {
  host: string;
  /** 22 when absent. */
  port?: number;
  username: string;
  auth: SshAuth;
  /**
   * The pinned host key, `SHA256:…` as `ssh-keygen -lf` prints it. Absent on first
   * contact: the connection then fails with HOST_KEY_UNKNOWN carrying the key to confirm.
   */
  hostKeyFingerprint?: string;
}

export interface HostKeyInfo {
  /** `SHA256:` + unpadded base64 of the key blob's SHA-256, as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /** The SSH name of the key type: `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`… */
  keyType: string;
}

/** `true`: `sudo -n` (no password); `{password}`: `sudo -S` with the password on stdin. */
export type SudoMode = boolean | { password: string };

export interface ExecOptions {
  /** Written to the command's stdin, then EOF. Without it stdin is closed at once. */
  stdin?: string | Buffer;
  /** Aborting signals the remote process group (TERM) and closes the channel. */
  signal?: AbortSignal;
  timeoutMs?: number;
  sudo?: SudoMode;
  /** Bound on stdout and on stderr each; past it the command is stopped. Default 4 MiB. */
  maxOutputBytes?: number;
}

export interface ExecResult {
  /** The exit status; null when the process ended by a signal. */
  code: number | null;
  /** The signal name (`TERM`, `KILL`…) when the process ended by one. */
  signal: string | null;
  stdout: string;
  stderr: string;
}

export interface RemoteStat {
  type: 'file' | 'directory' | 'symlink' | 'other';
  size: number;
  /** Permission bits only (0o7777). */
  mode: number;
  uid: number;
  gid: number;
  /** Seconds since the epoch. */
  mtime: number;
}
