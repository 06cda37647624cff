// How the systemd host is doing, seen from inside (systemd's own state, through its
// namespaces) and from the LAN (a root key login from the workstation).
import { readFile } from 'node:fs/promises';
import { run } from '../../core/command';
import { labHosts, labSystemdHost } from '../../lab-facts';
import { systemdHostPaths as paths } from './systemd-host-paths';

export interface SystemdState {
  /** What `systemctl is-system-running` prints: running, degraded, starting… */
  state: string;
  failedUnits: string[];
}

function insideHost(initPid: number, argv: readonly string[]): Promise<{ code: number; stdout: string }> {
  return run('nsenter', ['--target', String(initPid), '--all', ...argv], {
    allowFailure: true,
    timeoutMs: 10_000,
  });
}

export async function systemdState(initPid: number): Promise<SystemdState> {
  const state = (await insideHost(initPid, ['systemctl', 'is-system-running'])).stdout.trim();
  const failed = await insideHost(initPid, ['systemctl', 'list-units', '--failed', '--no-legend', '--plain']);
  const failedUnits = failed.stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((unit) => unit !== '');
  return { state: state || 'unknown', failedUnits };
}

/** Root's key login from the workstation, checking the host key against the one we wrote. */
export async function rootLogin(): Promise<{ ok: boolean; detail: string }> {
  const result = await run(
    'ssh',
    [
      ...['-F', '/dev/null', '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes'],
      ...['-o', `UserKnownHostsFile=${paths.knownHosts}`, '-o', 'ConnectTimeout=3', '-o', 'LogLevel=ERROR'],
      ...['-i', labSystemdHost.privateKeyPath, '-p', String(labSystemdHost.sshPort)],
      `root@${labSystemdHost.address}`,
      'hostname',
    ],
    { netns: labHosts.workstation.netns, allowFailure: true, timeoutMs: 10_000 },
  );
  const hostname = result.stdout.trim();
  if (result.code !== 0)
    return { ok: false, detail: `root key login failed: ${result.stderr.trim().slice(0, 200)}` };
  if (hostname !== labSystemdHost.hostname)
    return { ok: false, detail: `hostname is ${hostname}, not ${labSystemdHost.hostname}` };
  return {
    ok: true,
    detail: `root@${labSystemdHost.address}:${labSystemdHost.sshPort} key login ok, hostname ${hostname}`,
  };
}

/** The host's memory cgroup: all it uses (page cache included) and its anonymous part, in MB. */
export async function memoryMegabytes(): Promise<{ used: number; anonymous: number } | undefined> {
  const dir = `/sys/fs/cgroup/memory/${paths.cgroupName}`;
  const [usage, stat] = await Promise.all([
    readFile(`${dir}/memory.usage_in_bytes`, 'utf8').catch(() => undefined),
    readFile(`${dir}/memory.stat`, 'utf8').catch(() => undefined),
  ]);
  const rss = stat === undefined ? undefined : /^total_rss (\d+)$/m.exec(stat)?.[1];
  if (usage === undefined || rss === undefined) return undefined;
  return { used: Math.round(Number(usage) / 1e6), anonymous: Math.round(Number(rss) / 1e6) };
}
