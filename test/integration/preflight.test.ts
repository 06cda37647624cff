// The preflight against the lab's real hosts: the NAS (Debian posing as a DiskStation,
// dockerd, no sudo) as a docker-group user and as one without Docker access, and the
// systemd host (systemd as PID 1, no Docker) as root, through sudo and without sudo.
// A lab that is down fails here (global setup and the connections), it is never skipped.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PreflightCheckId,
  type PreflightReport,
  PreflightReportSchema,
  type Privilege,
} from '@shared/contract';
import { runPreflight, type PreflightJob } from '../../electron/services/hosts/preflight';
import { SshConnectionPool, type SshAuth, type SshTarget } from '../../electron/services/ssh';
import { labDocker, labHosts, labSsh, labSystemdHost } from '../lab/lab-facts';

const execFileAsync = promisify(execFile);
const pool = new SshConnectionPool({ connectTimeoutMs: 10_000 });
/** A port nothing in the lab listens on. */
const freePort = 39_117;

interface RecordedJob extends PreflightJob {
  steps: Array<{ current: number; total: number; message?: string }>;
}

function recordingJob(): RecordedJob {
  const controller = new AbortController();
  const steps: RecordedJob['steps'] = [];
  return {
    signal: controller.signal,
    steps,
    progress: (_phase, current, total, message) =>
      steps.push({ current, total, ...(message ? { message } : {}) }),
    log: () => undefined,
    throwIfCancelled: () => {
      if (controller.signal.aborted) throw new Error('cancelled');
    },
  };
}

async function fingerprintOf(publicKeyPath: string): Promise<string> {
  const { stdout } = await execFileAsync('ssh-keygen', ['-lf', publicKeyPath]);
  const fingerprint = stdout.split(' ')[1] ?? '';
  expect(fingerprint).toMatch(/^SHA256:/);
  return fingerprint;
}

async function preflight(
  target: SshTarget,
  privilege: Privilege,
  extra: { sudoPassword?: string; ports?: number[] } = {},
): Promise<{ report: PreflightReport; job: RecordedJob }> {
  const job = recordingJob();
  const report = await runPreflight(pool.host(target), {
    privilege,
    ports: extra.ports ?? [22, freePort],
    job,
    dockerSocketPath: labDocker.remoteSocketPath,
    ...(extra.sudoPassword === undefined ? {} : { sudoPassword: extra.sudoPassword }),
  });
  expect(PreflightReportSchema.parse(report)).toEqual(report);
  return { report, job };
}

function check(report: PreflightReport, id: PreflightCheckId): PreflightReport['checks'][number] {
  const found = report.checks.find((entry) => entry.id === id);
  expect(found, id).toBeDefined();
  return found as PreflightReport['checks'][number];
}

afterAll(async () => {
  await pool.closeAll();
});

describe('the NAS', () => {
  let nasFingerprint = '';
  const nasTarget = (username: string, auth: SshAuth): SshTarget => ({
    host: labHosts.nas.address,
    port: labSsh.port,
    username,
    auth,
    hostKeyFingerprint: nasFingerprint,
  });
  beforeAll(async () => {
    nasFingerprint = await fingerprintOf(`${labSsh.hostKeyPath}.pub`);
  });

  it('as a docker-group user: Docker reachable, no sudo, method docker, port 22 taken', async () => {
    const { report, job } = await preflight(
      nasTarget(labSsh.keyUser.name, { kind: 'privateKey', privateKeyPath: labSsh.keyUser.privateKeyPath }),
      { kind: 'none' },
    );
    // One progress step per check, in order, then the final one.
    expect(report.checks.map((entry) => entry.id)).toHaveLength(11);
    expect(job.steps.map((entry) => entry.current)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

    const { facts } = report;
    expect(facts.os).toMatchObject({ id: 'debian', versionId: '12', kernelName: 'Linux' });
    expect(facts.nas.kind).toBe('none');
    expect(facts.arch).toEqual({ machine: 'x86_64', arch: 'amd64' });
    expect(facts.init.systemdUsable).toBe(false);
    expect(facts.docker).toMatchObject({
      status: 'reachable',
      version: '20.10.24+dfsg1',
      apiVersion: '1.41',
    });
    expect(facts.docker.storageDriver).toMatch(/\w/);
    expect(facts.docker.cgroupVersion).toMatch(/^[12]$/);
    expect(check(report, 'docker').status).toBe('ok');
    expect(facts.cgroup.version).not.toBe('unknown');
    expect(facts.privilege).toMatchObject({
      uid: labSsh.keyUser.uid,
      username: labSsh.keyUser.name,
      sudo: 'notInstalled',
      usable: 'none',
    });
    expect(facts.portsInUse).toEqual([
      expect.objectContaining({
        port: 22,
        inUse: true,
        addresses: expect.arrayContaining([labHosts.nas.address]),
      }),
      { port: freePort, inUse: false, addresses: [] },
    ]);
    expect(check(report, 'ports')).toMatchObject({ status: 'warn' });
    expect(facts.disk.map((entry) => entry.role)).toEqual(['root', 'docker', 'config']);
    expect(facts.disk[0]?.availableBytes).toBeGreaterThan(0);
    // The lab's / is private (no shared: field): the rslave trap, with its fix.
    expect(facts.rootPropagation.propagation).toBe('private');
    expect(check(report, 'rootPropagation')).toMatchObject({
      status: 'warn',
      fix: expect.stringContaining('mount --make-rshared /'),
    });
    // iptables is installed but unreadable without root.
    expect(facts.firewall).toEqual([expect.objectContaining({ kind: 'iptables', state: 'unknown' })]);
    expect(check(report, 'firewall').fix).toContain(
      `sudo iptables -I INPUT -p tcp --dport ${freePort} -j ACCEPT`,
    );
    expect(report.installMethod.method).toBe('docker');
  });

  it('as a user without Docker access: permission denied with the fix, method manual', async () => {
    const { report } = await preflight(
      nasTarget(labSsh.passwordUser.name, { kind: 'password', password: labSsh.passwordUser.password }),
      { kind: 'none' },
    );
    expect(report.facts.docker.status).toBe('permissionDenied');
    expect(check(report, 'docker')).toMatchObject({
      status: 'warn',
      fix: expect.stringMatching(/docker group/),
    });
    expect(report.facts.privilege).toMatchObject({ uid: labSsh.passwordUser.uid, usable: 'none' });
    // No systemd as PID 1 on the NAS and no sudo: nothing is left but a script by hand.
    expect(report.installMethod.method).toBe('manual');
    expect(report.installMethod.reason).toMatch(/docker group/);
  });
});

describe('the systemd host', () => {
  let hostFingerprint = '';
  const keyAuth: SshAuth = { kind: 'privateKey', privateKeyPath: labSystemdHost.privateKeyPath };
  const systemdTarget = (username: string, auth: SshAuth = keyAuth): SshTarget => ({
    host: labSystemdHost.address,
    port: labSystemdHost.sshPort,
    username,
    auth,
    hostKeyFingerprint: hostFingerprint,
  });
  beforeAll(async () => {
    hostFingerprint = await fingerprintOf(labSystemdHost.hostPublicKeyPath);
  });

  function expectSystemdHost(report: PreflightReport): void {
    expect(report.facts.os).toMatchObject({ id: 'debian', versionId: '12' });
    expect(report.facts.init).toMatchObject({
      kind: 'systemd',
      pid1: 'systemd',
      systemctl: true,
      systemdUsable: true,
    });
    expect(report.facts.init.systemState).toMatch(/^(running|degraded)$/);
    expect(report.facts.docker.status).toBe('notInstalled');
    expect(check(report, 'docker').status).toBe('info');
    expect(report.facts.portsInUse[0]).toMatchObject({ port: 22, inUse: true });
    expect(report.facts.portsInUse[1]).toMatchObject({ port: freePort, inUse: false });
  }

  it('as root: systemd running, no Docker, method systemd, the process on port 22 named', async () => {
    const { report } = await preflight(systemdTarget('root'), { kind: 'root' });
    expectSystemdHost(report);
    expect(report.facts.privilege).toMatchObject({ uid: 0, sudo: 'notNeeded', usable: 'root' });
    expect(report.facts.portsInUse[0]?.process).toMatch(/sshd/);
    expect(report.facts.cgroup.version).not.toBe('unknown');
    expect(report.installMethod.method).toBe('systemd');
  });

  it('as a passwordless sudo user: sudo ok, method systemd', async () => {
    const { report } = await preflight(systemdTarget(labSystemdHost.deployer.name), { kind: 'sudo' });
    expectSystemdHost(report);
    expect(report.facts.privilege).toMatchObject({
      uid: labSystemdHost.deployer.uid,
      sudo: 'passwordless',
      usable: 'sudo',
    });
    expect(check(report, 'privilege').status).toBe('ok');
    expect(report.facts.portsInUse[0]?.process).toMatch(/sshd/);
    expect(report.installMethod.method).toBe('systemd');
  });

  it('as a user without sudo: sudo refused, method manual', async () => {
    const { limited } = labSystemdHost;
    const target = systemdTarget(limited.name, { kind: 'password', password: limited.password });
    const { report } = await preflight(target, { kind: 'sudo' }, { sudoPassword: limited.password });
    expectSystemdHost(report);
    expect(report.facts.privilege).toMatchObject({ uid: limited.uid, sudo: 'notAllowed', usable: 'none' });
    expect(check(report, 'privilege')).toMatchObject({ status: 'fail', fix: expect.stringMatching(/sudo/) });
    expect(report.installMethod.method).toBe('manual');

    const unprivileged = await preflight(target, { kind: 'none' });
    expect(unprivileged.report.facts.privilege).toMatchObject({ sudo: 'passwordRequired', usable: 'none' });
    expect(unprivileged.report.installMethod.method).toBe('manual');
  });
});
