// SSH to the hosts Promstead deploys to: pinned host keys, one pooled connection per
// host, quoted remote commands, SFTP, and Docker through the connection.
export { SshConnectionPool, poolKey, type SshPoolOptions } from './ssh-pool';
export { SshHost } from './ssh-host';
export type { SshConnection } from './ssh-connection';
export { HostKeyVerifier, fingerprintOf, keyTypeOf, normalizeFingerprint } from './host-key';
export { buildRemoteCommand, type RemoteCommand } from './remote-command';
export { shellCommand, shellQuote } from './shell-quote';
export { sshError, sshFailureOf, type SshFailure } from './ssh-errors';
export { createDockerOverSsh, defaultDockerSocket } from './docker-over-ssh';
export type {
  ExecOptions,
  ExecResult,
  HostKeyInfo,
  RemoteStat,
  SshAuth,
  SshTarget,
  SudoMode,
} from './ssh-types';
export { asSocketLike } from './docker-over-ssh';
export { openTcpThrough, sshTcpStreams, type TcpStreamOpener } from './tcp-forward';
