// Is a Docker Engine reachable on this machine: DOCKER_HOST (unix:// or tcp://) or
// the default socket, answering /_ping and /version.
import { request } from 'node:http';
import type { Capability } from '@shared/contract';

export type DockerEndpoint = { kind: 'socket'; path: string } | { kind: 'tcp'; host: string; port: number };

export function dockerEndpointFrom(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): DockerEndpoint {
  const configured = env.DOCKER_HOST?.trim();
  if (configured?.startsWith('unix://')) return { kind: 'socket', path: configured.slice('unix://'.length) };
  if (configured?.startsWith('tcp://')) {
    const url = new URL(configured.replace(/^tcp:/, 'http:'));
    return { kind: 'tcp', host: url.hostname, port: Number(url.port || 2375) };
  }
  if (platform === 'win32') return { kind: 'socket', path: '//./pipe/docker_engine' };
  return { kind: 'socket', path: '/var/run/docker.sock' };
}

function describe(endpoint: DockerEndpoint): string {
  return endpoint.kind === 'socket' ? endpoint.path : `tcp://${endpoint.host}:${endpoint.port}`;
}

function getJson(
  endpoint: DockerEndpoint,
  path: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target =
      endpoint.kind === 'socket'
        ? { socketPath: endpoint.path }
        : { host: endpoint.host, port: endpoint.port };
    const req = request({ ...target, path, method: 'GET', timeout: timeoutMs, signal }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < 65_536) body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end();
  });
}

export async function checkDocker(
  env: NodeJS.ProcessEnv = process.env,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<Capability> {
  const endpoint = dockerEndpointFrom(env, process.platform);
  const where = describe(endpoint);
  const timeoutMs = options.timeoutMs ?? 2000;
  try {
    const ping = await getJson(endpoint, '/_ping', timeoutMs, options.signal);
    if (ping.status !== 200)
      return {
        status: 'warn',
        detail: `${where} answered /_ping with HTTP ${ping.status}; is it a Docker Engine?`,
      };
    const version = await getJson(endpoint, '/version', timeoutMs, options.signal);
    const parsed = JSON.parse(version.body) as { Version?: string; ApiVersion?: string };
    return {
      status: 'ok',
      detail: `Docker ${parsed.Version ?? '?'} (API ${parsed.ApiVersion ?? '?'}) at ${where}.`,
    };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason as Error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES') {
      return {
        status: 'warn',
        detail: `Permission denied on ${where}: add your user to the docker group (sudo usermod -aG docker $USER) and log in again.`,
      };
    }
    if (code === 'ENOENT')
      return {
        status: 'missing',
        detail: `No local Docker: ${where} does not exist. Remote hosts can still run Docker.`,
      };
    if (code === 'ECONNREFUSED')
      return { status: 'missing', detail: `Nothing listens on ${where}: is the Docker daemon running?` };
    if (code === 'ETIMEDOUT')
      return { status: 'warn', detail: `${where} did not answer within ${timeoutMs} ms.` };
    return { status: 'missing', detail: `Docker at ${where} is not reachable: ${(error as Error).message}` };
  }
}
