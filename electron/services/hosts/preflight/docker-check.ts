// Docker as this user reaches it: through the SSH connection to the host's socket,
// the version, API, storage and cgroup drivers; or why not, with the fix.
import { type DockerFacts, errorText, type PreflightCheck, PromsteadError } from '@shared/contract';
import { defaultDockerSocket, sshFailureOf } from '../../ssh';
import { dockerFactsFromApi } from './docker-facts';
import type { HostProbe } from './host-probe';
import { cleanText } from './text-bounds';

const dockerTimeoutMs = 20_000;

/** Rejects with TIMEOUT when the call has not answered in time: a stuck forward must not hang the job. */
function withTimeout<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new PromsteadError('TIMEOUT', `Docker did not answer within ${dockerTimeoutMs} ms.`)),
      dockerTimeoutMs,
    );
    const onAbort = (): void => reject(new PromsteadError('CANCELLED', 'The preflight was cancelled.'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    });
  });
}

/** Where Docker lives when it is installed but not answering (DSM's package folders included). */
const dockerPackagePaths = ['/var/packages/ContainerManager', '/var/packages/Docker'];

async function dockerInstalled(probe: HostProbe): Promise<boolean> {
  if (probe.tool('docker') || probe.tool('dockerd')) return true;
  for (const path of dockerPackagePaths) if (await probe.exists(path)) return true;
  return false;
}

export async function checkDocker(
  probe: HostProbe,
  signal: AbortSignal,
  socketPath = defaultDockerSocket,
): Promise<{ check: PreflightCheck; facts: DockerFacts }> {
  const base = { id: 'docker', title: 'Docker' } as const;
  const docker = probe.host.docker(socketPath);
  let facts: DockerFacts;
  try {
    const version: unknown = await withTimeout(docker.version(), signal);
    const info: unknown = await withTimeout(docker.info(), signal);
    facts = dockerFactsFromApi(info, version);
  } catch (error) {
    if (signal.aborted) throw new PromsteadError('CANCELLED', 'The preflight was cancelled.');
    const reason = sshFailureOf(error);
    const message = cleanText(errorText(error), 600);
    if (reason === 'DOCKER_PERMISSION_DENIED') {
      facts = { status: 'permissionDenied', message };
      return {
        check: {
          ...base,
          status: 'warn',
          detail: 'Docker is installed, but this user may not open its socket.',
          fix: message,
        },
        facts,
      };
    }
    if (reason === 'SSH_UNREACHABLE' || reason === 'SSH_AUTH_FAILED') throw error;
    const installed = await dockerInstalled(probe);
    facts = { status: installed ? 'unreachable' : 'notInstalled', message };
    return {
      check: installed
        ? {
            ...base,
            status: 'warn',
            detail: `Docker is installed but did not answer: ${message}`,
            fix: 'Start the Docker service (systemctl start docker, or Container Manager on DSM).',
          }
        : { ...base, status: 'info', detail: 'Docker is not installed: exporters install without it.' },
      facts,
    };
  }
  const drivers = [
    facts.storageDriver && `storage ${facts.storageDriver}`,
    facts.cgroupDriver && `cgroup driver ${facts.cgroupDriver}`,
    facts.cgroupVersion && `cgroup v${facts.cgroupVersion}`,
  ].filter(Boolean);
  return {
    check: {
      ...base,
      status: 'ok',
      detail: `Docker ${facts.version ?? '?'} (API ${facts.apiVersion ?? '?'})${drivers.length ? `, ${drivers.join(', ')}` : ''}.`,
    },
    facts,
  };
}
