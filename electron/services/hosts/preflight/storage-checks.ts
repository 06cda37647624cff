// The kernel and disk facts a deploy depends on: the cgroup version, the propagation
// of `/` (node_exporter's `/:/host:ro,rslave` bind), and free space where things go.
import { posix } from 'node:path';
import type {
  CgroupFacts,
  DiskFacts,
  DockerFacts,
  PreflightCheck,
  RootPropagationFacts,
} from '@shared/contract';
import { formatBytes, parseDfPosix } from './disk-free';
import { cgroupVersionFromDocker } from './docker-facts';
import type { HostProbe } from './host-probe';
import { cgroupVersionFromFsType, cgroupVersionFromMounts, rootPropagation } from './mount-table';

export async function checkCgroup(
  probe: HostProbe,
  docker: DockerFacts,
): Promise<{ check: PreflightCheck; facts: CgroupFacts }> {
  let facts: CgroupFacts | undefined;
  // This session's mounts first; PID 1's when the session's namespace hides them.
  for (const path of ['/proc/self/mounts', '/proc/1/mounts']) {
    const text = await probe.read(path, 4 * 1024 * 1024);
    const version = text === undefined ? undefined : cgroupVersionFromMounts(text);
    if (version) {
      facts = { version, source: path };
      break;
    }
  }
  const stat = probe.tool('stat');
  if (!facts && stat) {
    const output = await probe.run([stat, '-f', '-c', '%T', '/sys/fs/cgroup'], { maxBytes: 4096 });
    const version = output?.code === 0 ? cgroupVersionFromFsType(output.stdout) : undefined;
    if (version) facts = { version, source: 'stat -f /sys/fs/cgroup' };
  }
  const fromDocker = cgroupVersionFromDocker(docker);
  if (!facts && fromDocker) facts = { version: fromDocker, source: 'docker info' };
  facts ??= { version: 'unknown', source: 'none' };
  const base = { id: 'cgroup', title: 'cgroup version' } as const;
  const names = { v1: 'cgroup v1', v2: 'cgroup v2', hybrid: 'cgroup v1 with a v2 hierarchy (hybrid)' };
  return {
    check:
      facts.version === 'unknown'
        ? { ...base, status: 'info', detail: 'No cgroup filesystem is visible to this user.' }
        : { ...base, status: 'ok', detail: `${names[facts.version]} (from ${facts.source}).` },
    facts,
  };
}

export async function checkRootPropagation(
  probe: HostProbe,
  docker: DockerFacts,
): Promise<{ check: PreflightCheck; facts: RootPropagationFacts }> {
  // PID 1's mount namespace is the one dockerd normally runs in; a session's may differ.
  const file = await probe.readFirst(['/proc/1/mountinfo', '/proc/self/mountinfo']);
  const facts = file ? rootPropagation(file.text, file.path) : rootPropagation('', 'none');
  const base = { id: 'rootPropagation', title: 'Mount propagation of /' } as const;
  const fields = facts.optionalFields.length ? ` (${facts.optionalFields.join(' ')})` : '';
  switch (facts.propagation) {
    case 'shared':
      return { check: { ...base, status: 'ok', detail: `/ is a shared mount${fields}.` }, facts };
    case 'slave':
      return {
        check: { ...base, status: 'ok', detail: `/ is a slave mount${fields}: an rslave bind works.` },
        facts,
      };
    case 'private':
      return {
        check: {
          ...base,
          // The bind is a Docker matter: without Docker it is worth knowing, not a warning.
          status: docker.status === 'reachable' ? 'warn' : 'info',
          detail:
            '/ is a private mount: node_exporter\'s usual bind "/:/host:ro,rslave" fails to start in Docker ("path / is mounted on / but it is not a shared or slave mount").',
          fix: 'Make / shared as root with `mount --make-rshared /` (on DSM, in a boot-up task: it is lost on reboot), or deploy node_exporter with "/:/host:ro" (without rslave).',
        },
        facts,
      };
    case 'unknown':
      return {
        check: {
          ...base,
          status: 'info',
          detail: 'mountinfo could not be read: the propagation of / is unknown.',
        },
        facts,
      };
  }
}

const lowSpaceBytes = 2 * 1024 ** 3;
const tooLittleSpaceBytes = 256 * 1024 ** 2;
/** Folders to climb from a config dir that does not exist yet to one df can measure. */
const maxAncestors = 16;

async function existingAncestor(probe: HostProbe, path: string): Promise<string> {
  let current = posix.normalize(path);
  for (let step = 0; step < maxAncestors && current !== '/'; step++) {
    if (await probe.exists(current)) return current;
    current = posix.dirname(current);
  }
  return '/';
}

export async function checkDisk(
  probe: HostProbe,
  docker: DockerFacts,
  configDir: string,
): Promise<{ check: PreflightCheck; facts: DiskFacts[] }> {
  const targets: Array<{ path: string; role: DiskFacts['role'] }> = [{ path: '/', role: 'root' }];
  if (docker.rootDir) targets.push({ path: docker.rootDir, role: 'docker' });
  targets.push({ path: await existingAncestor(probe, configDir), role: 'config' });
  const facts: DiskFacts[] = [];
  for (const target of targets) {
    const output = await probe.run(['df', '-P', '--', target.path], { maxBytes: 64 * 1024 });
    const entry = output ? parseDfPosix(output.stdout)[0] : undefined;
    if (entry) facts.push({ path: target.path, role: target.role, ...entry });
  }
  const base = { id: 'disk', title: 'Free disk space' } as const;
  if (facts.length === 0)
    return { check: { ...base, status: 'info', detail: 'df gave no readable answer.' }, facts };
  const lines = facts.map(
    (entry) =>
      `${entry.path} (${entry.role}): ${formatBytes(entry.availableBytes)} free of ${formatBytes(entry.sizeBytes)}`,
  );
  const least = Math.min(...facts.map((entry) => entry.availableBytes));
  const status = least < tooLittleSpaceBytes ? 'fail' : least < lowSpaceBytes ? 'warn' : 'ok';
  return {
    check: {
      ...base,
      status,
      detail: `${lines.join('; ')}.`,
      ...(status === 'ok'
        ? {}
        : {
            fix: 'Free some space (old images: docker image prune; logs; package caches) before deploying.',
          }),
    },
    facts,
  };
}
