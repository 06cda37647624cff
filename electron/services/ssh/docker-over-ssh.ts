// dockerode over the SSH connection: each HTTP request gets a stream forwarded to the
// host's Docker socket (openssh_forwardOutStreamLocal), through the connection pool.
import { Agent } from 'node:http';
import type { Duplex } from 'node:stream';
import Docker from 'dockerode';
import { sshError } from './ssh-errors';
import type { ExecResult } from './ssh-types';

export const defaultDockerSocket = '/var/run/docker.sock';

/** Exit statuses of the socket check below. */
const socketCheck = { ok: 0, missing: 3, notSocket: 4, denied: 5 } as const;

/** argv that tells why a socket cannot be opened, as the SSH user (sh's own tests). */
export function socketCheckArgv(socketPath: string): string[] {
  const script = [
    `[ -e "$1" ] || exit ${socketCheck.missing}`,
    `[ -S "$1" ] || exit ${socketCheck.notSocket}`,
    `{ [ -r "$1" ] && [ -w "$1" ]; } || exit ${socketCheck.denied}`,
    `exit ${socketCheck.ok}`,
  ].join('; ');
  return ['sh', '-c', script, 'sh', socketPath];
}

/** The error for a socket the forward could not open, from the check's result. */
export function dockerSocketError(
  check: Pick<ExecResult, 'code'> | undefined,
  socketPath: string,
  username: string,
  cause: string,
): Error {
  const details = { socketPath, username, cause };
  switch (check?.code) {
    case socketCheck.denied:
      return sshError(
        'DOCKER_PERMISSION_DENIED',
        `${username} may not open the Docker socket ${socketPath}. Add the user to the docker group on the host (sudo usermod -aG docker ${username}; it applies from the next login), or where ${username} has sudo, run Docker commands with sudo.`,
        details,
      );
    case socketCheck.missing:
      return sshError(
        'DOCKER_UNREACHABLE',
        `There is no Docker socket at ${socketPath} on the host: is Docker installed and running?`,
        details,
      );
    case socketCheck.notSocket:
      return sshError('DOCKER_UNREACHABLE', `${socketPath} on the host is not a socket.`, details);
    default:
      return sshError(
        'DOCKER_UNREACHABLE',
        `The SSH server would not forward the Docker socket ${socketPath} (${cause}). Check that sshd allows it (AllowStreamLocalForwarding yes) and that Docker is running.`,
        details,
      );
  }
}

/** ssh2 channels are not sockets: http and dockerode call these on them. */
const socketMethods = ['setTimeout', 'setKeepAlive', 'setNoDelay', 'ref', 'unref'] as const;

export function asSocketLike(stream: Duplex): Duplex {
  for (const method of socketMethods) {
    if (typeof (stream as unknown as Record<string, unknown>)[method] !== 'function')
      Object.assign(stream, { [method]: () => stream });
  }
  return stream;
}

/**
 * A Docker client whose every request runs over a stream `openStream` gives. The
 * agent's createConnection answers through its callback and returns undefined: a
 * returned value would be taken as the socket and every request would hang.
 */
export function createDockerOverSsh(
  openStream: () => Promise<Duplex>,
  socketPath = defaultDockerSocket,
): Docker {
  const agent = new Agent({ keepAlive: false });
  Object.assign(agent, {
    createConnection: (
      _options: unknown,
      callback: (error: Error | null, stream?: Duplex) => void,
    ): undefined => {
      openStream().then(
        (stream) => callback(null, asSocketLike(stream)),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
      return undefined;
    },
  });
  // docker-modem passes `agent` on to http.request; its types do not list it.
  const options: Docker.DockerOptions & { agent: Agent } = { socketPath, agent };
  return new Docker(options);
}
