// A Docker Engine reached without SSH: this machine's own socket, or a daemon's TCP port
// with mutual TLS. There is no shell on such a host, so the facts a plan needs from /proc
// come from a short-lived helper container that shares the host's PID and network
// namespaces (what the daemon itself sees).
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import Docker from 'dockerode';
import { type DockerEndpoint, errorText, PromsteadError } from '@shared/contract';
import type { HostProcReader } from './deploy-target';
import { helperEntrypoint, helperLabel } from './helper-image';

/** The docker client for the endpoint; TLS material is read from its files on each open. */
export async function openDockerEndpoint(address: string, endpoint: DockerEndpoint): Promise<Docker> {
  if (endpoint.kind === 'socket') return new Docker({ socketPath: endpoint.socketPath });
  const read = async (path: string, what: string): Promise<Buffer> => {
    try {
      return await readFile(path);
    } catch (error) {
      throw new PromsteadError(
        'VALIDATION',
        `Cannot read the ${what} at ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}): copy it from the Docker host and give its path.`,
      );
    }
  };
  return new Docker({
    host: address,
    port: endpoint.port,
    protocol: 'https',
    ca: await read(endpoint.caPath, 'CA certificate'),
    cert: await read(endpoint.certPath, 'client certificate'),
    key: await read(endpoint.keyPath, 'client key'),
  });
}

/** Turns what dockerode throws on first contact into an error that says what to do. */
export function endpointError(address: string, endpoint: DockerEndpoint, error: unknown): PromsteadError {
  if (error instanceof PromsteadError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  const message = errorText(error);
  if (endpoint.kind === 'socket') {
    if (code === 'EACCES')
      return new PromsteadError(
        'DOCKER_PERMISSION_DENIED',
        `You may not open ${endpoint.socketPath}: add your user to the docker group (sudo usermod -aG docker "$USER", then log in again).`,
      );
    return new PromsteadError(
      'DOCKER_UNREACHABLE',
      `Nothing answers on ${endpoint.socketPath} (${code || message}): is Docker installed and running on this machine?`,
    );
  }
  if (/certificate|self.signed|unable to verify|altname|SSL|TLS|handshake|alert/i.test(`${code} ${message}`))
    return new PromsteadError(
      'FORBIDDEN',
      `TLS with ${address}:${endpoint.port} failed (${message}): the CA must be the one that signed the daemon's certificate, the certificate must name ${address}, and the daemon must trust the client certificate.`,
    );
  return new PromsteadError(
    'DOCKER_UNREACHABLE',
    `Docker does not answer on ${address}:${endpoint.port} (${code || message}): is dockerd listening there with --tlsverify, and the port open?`,
  );
}

/** Docker's log stream: 8-byte frame headers (stream, size) before each chunk of stdout/stderr. */
function stdoutOf(frames: Buffer): string {
  const out: Buffer[] = [];
  for (let offset = 0; offset + 8 <= frames.length;) {
    const size = frames.readUInt32BE(offset + 4);
    if (frames[offset] === 1) out.push(frames.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  return Buffer.concat(out).toString('utf8');
}

/**
 * Reads /proc files as the host sees them, through the helper image in a container with
 * the host's PID and network namespaces. Undefined when the helper cannot run (the facts
 * then keep the catalog's defaults).
 */
export function dockerProcReader(docker: () => Docker, helperImage: () => string): HostProcReader {
  return async (paths) => {
    let container: Docker.Container | undefined;
    try {
      container = await docker().createContainer({
        name: `promstead-helper-${randomBytes(6).toString('hex')}`,
        Image: helperImage(),
        Entrypoint: [helperEntrypoint],
        Cmd: ['cat', ...paths],
        Labels: { [helperLabel]: 'true' },
        HostConfig: { PidMode: 'host', NetworkMode: 'host' },
      });
      await container.start();
      const { StatusCode } = (await container.wait()) as { StatusCode: number };
      const logs = (await container.logs({
        stdout: true,
        stderr: false,
        follow: false,
      })) as unknown as Buffer;
      return { code: StatusCode, stdout: stdoutOf(logs) };
    } catch {
      return undefined;
    } finally {
      await container?.remove({ force: true }).catch(() => undefined);
    }
  };
}
