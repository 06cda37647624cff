// dockerd on the NAS: started into lab-nas's network namespace with nsenter (ip netns
// exec fails: "Devices cgroup isn't mounted"), default bridge and iptables inside that
// namespace, every root of its own under the state dir; down leaves no process,
// mount, cgroup or machine folder behind.
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import type { ComponentStatus, LabComponent, LabLog } from '../core/component';
import { isRunning, startForegroundDaemon, stopByPidfile } from '../core/daemon';
import { waitFor } from '../core/wait';
import { labDockerTls, labHosts, labRegistry } from '../lab-facts';
import { makeDockerTlsCertificates } from './nas/docker-tls';
import { getOverUnixSocket } from './nas/lab-http';
import { dockerMachineDirs, recordAbsentDirs, removeRecordedDirs } from './nas/machine-dirs';
import { unmountUnder } from './nas/mounts';
import { nasPaths } from './nas/nas-paths';
import { findProcesses, terminate } from './nas/processes';

const netnsPath = `/var/run/netns/${labHosts.nas.netns}`;
/** dockerd's own pidfile; ours (nasPaths.dockerPidfile) is written by the launcher. */
const dockerdOwnPidfile = `${nasPaths.dockerExecRoot}/dockerd.pid`;

/** Away from the lab's 10.203.0.0/24 and from common home subnets. */
export const nasDockerBridge = '172.31.203.1/24';
export const nasDockerAddressPool = '172.31.204.0/22';
/** Where the NAS's containers connect from: the default bridge and user networks. */
export const nasDockerNetworks = ['172.31.203.0/24', nasDockerAddressPool] as const;

function daemonConfig(): Record<string, unknown> {
  return {
    'storage-driver': 'overlay2',
    'insecure-registries': [labRegistry.host],
    // The socket is root:docker 0660, so the NAS's docker group members can use it.
    group: 'docker',
    bip: nasDockerBridge,
    'default-address-pools': [{ base: nasDockerAddressPool, size: 24 }],
    // Containers' DNS stays inside the lab (nothing answers there: fails fast).
    dns: [labHosts.lan.address],
    'cgroup-parent': `/${nasPaths.dockerCgroupParent}`,
    'shutdown-timeout': 5,
    // Otherwise dockerd 20.10 writes /etc/docker/key.json on the machine.
    'deprecated-key-path': `${nasPaths.dockerDir}/key.json`,
  };
}

async function apiAnswers(): Promise<boolean> {
  const answer = await getOverUnixSocket(nasPaths.dockerSocket, '/_ping').catch(() => undefined);
  return answer?.status === 200 && answer.body.trim() === 'OK';
}

async function daemonVersion(): Promise<string> {
  const answer = await getOverUnixSocket(nasPaths.dockerSocket, '/version');
  const version: unknown = JSON.parse(answer.body);
  if (typeof version !== 'object' || version === null) return 'unknown version';
  const { Version, ApiVersion } = version as { Version?: unknown; ApiVersion?: unknown };
  return `${String(Version)}, API ${String(ApiVersion)}`;
}

async function netnsInode(): Promise<number | undefined> {
  return (await stat(netnsPath).catch(() => undefined))?.ino;
}

/** After dockerd: its containerd, shims, proxies and any container process left. */
async function stopLeftovers(log: LabLog): Promise<void> {
  const inode = await netnsInode();
  const netnsLink = inode === undefined ? undefined : `net:[${inode}]`;
  const leftovers = await findProcesses(
    (info) =>
      info.commandLine.includes(nasPaths.dockerDir) ||
      info.cgroups.includes(`/${nasPaths.dockerCgroupParent}/`) ||
      (info.commandLine.startsWith('/usr/sbin/docker-proxy ') && info.netNamespace === netnsLink),
  );
  if (leftovers.length === 0) return;
  log(
    `nas-docker: stopping leftovers ${leftovers.map((info) => `${info.pid} (${info.commandLine.slice(0, 60)})`).join(', ')}`,
  );
  await terminate(leftovers.map((info) => info.pid));
}

/** The containers' cgroups (empty once their processes are gone), in every hierarchy. */
async function removeCgroups(): Promise<void> {
  const hierarchies = await readdir('/sys/fs/cgroup').catch(() => []);
  for (const hierarchy of hierarchies) {
    const parent = `/sys/fs/cgroup/${hierarchy}/${nasPaths.dockerCgroupParent}`;
    if (!existsSync(parent)) continue;
    const children = await readdir(parent, { withFileTypes: true });
    for (const child of children)
      if (child.isDirectory()) await rmdir(`${parent}/${child.name}`).catch(() => undefined);
    await rmdir(parent).catch((error: Error) => {
      throw new Error(`cannot remove cgroup ${parent}: ${error.message}`);
    });
  }
}

export const nasDocker: LabComponent = {
  name: 'nas-docker',

  async up(log: LabLog) {
    if ((await isRunning(nasPaths.dockerPidfile)) && (await apiAnswers())) {
      log('nas-docker: dockerd already running');
      return;
    }
    await mkdir(nasPaths.dockerDataRoot, { recursive: true });
    await mkdir(nasPaths.dockerExecRoot, { recursive: true });
    await writeFile(nasPaths.dockerConfig, `${JSON.stringify(daemonConfig(), null, 2)}\n`);
    if (!existsSync(nasPaths.dockerCreatedDirs))
      await recordAbsentDirs(dockerMachineDirs, nasPaths.dockerCreatedDirs);
    await rm(dockerdOwnPidfile, { force: true });
    await makeDockerTlsCertificates();
    await startForegroundDaemon({
      argv: [
        'nsenter',
        `--net=${netnsPath}`,
        'dockerd',
        '--host',
        `unix://${nasPaths.dockerSocket}`,
        '--host',
        `tcp://${labHosts.nas.address}:${labDockerTls.port}`,
        '--tlsverify',
        '--tlscacert',
        labDockerTls.caPath,
        '--tlscert',
        labDockerTls.serverCertPath,
        '--tlskey',
        labDockerTls.serverKeyPath,
        '--data-root',
        nasPaths.dockerDataRoot,
        '--exec-root',
        nasPaths.dockerExecRoot,
        '--pidfile',
        dockerdOwnPidfile,
        '--config-file',
        nasPaths.dockerConfig,
      ],
      pidfile: nasPaths.dockerPidfile,
      logfile: nasPaths.dockerLog,
    });
    await waitFor('the NAS dockerd to answer /_ping', apiAnswers, { timeoutMs: 30_000, intervalMs: 100 });
    log(
      `nas-docker: dockerd ${await daemonVersion()} on unix://${nasPaths.dockerSocket} and tcp://${labHosts.nas.address}:${labDockerTls.port} (TLS)`,
    );
  },

  async down(log: LabLog) {
    // Its shutdown stops the containers first (shutdown-timeout 5 s), hence the grace.
    await stopByPidfile(nasPaths.dockerPidfile, 30_000);
    await stopLeftovers(log);
    const unmounted = await unmountUnder(nasPaths.dockerDir);
    if (unmounted.length > 0) log(`nas-docker: unmounted ${unmounted.join(', ')}`);
    await removeCgroups();
    await removeRecordedDirs(nasPaths.dockerCreatedDirs, dockerMachineDirs);
    await rm(nasPaths.dockerDir, { recursive: true, force: true });
  },

  async status(): Promise<ComponentStatus[]> {
    const name = 'dockerd (lab-nas)';
    if (!(await isRunning(nasPaths.dockerPidfile))) return [{ name, state: 'down', detail: 'not running' }];
    if (!(await apiAnswers()))
      return [{ name, state: 'degraded', detail: 'running, but /_ping does not answer' }];
    return [{ name, state: 'up', detail: `${await daemonVersion()} on unix://${nasPaths.dockerSocket}` }];
  },
};
