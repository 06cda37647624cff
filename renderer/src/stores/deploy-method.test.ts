import type { PreflightReport } from '@shared/contract';
import { describe, expect, it } from 'vitest';
import { effectiveMethod, lastPreflightOf, recommendationOf, rollbackSummaryOf } from './deploy-method';
import type { JobView } from './jobs.reducer';

function report(
  method: 'docker' | 'systemd' | 'manual',
  checkedAt: number,
  host = 'nas.lan',
): PreflightReport {
  return {
    host,
    username: 'admin',
    checkedAt,
    checks: [],
    facts: {
      os: { idLike: [], name: 'Linux' },
      nas: { kind: 'none', evidence: [] },
      arch: { machine: 'x86_64', arch: 'amd64' },
      init: { kind: 'systemd', systemctl: true, systemdUsable: true },
      docker: { status: 'reachable' },
      cgroup: { version: 'v2', source: '/proc/self/mounts' },
      rootPropagation: { propagation: 'shared', optionalFields: [], source: '/proc/1/mountinfo' },
      disk: [],
      portsInUse: [],
      firewall: [],
      privilege: { configured: 'none', sudo: 'notNeeded', usable: 'none', suggested: 'none' },
    },
    installMethod: { method, reason: `${method} because` },
  };
}

function job(jobId: string, fields: Partial<JobView>): JobView {
  return {
    jobId,
    operation: 'hosts.preflight',
    state: 'done',
    startedAt: 0,
    log: [],
    logDropped: 0,
    lastSeq: 3,
    ...fields,
  };
}

const nas = { address: 'nas.lan', username: 'admin' };

describe('the preflight recommendation', () => {
  it('is the newest finished preflight of the same address and login', () => {
    const jobs = {
      a: job('a', { result: report('systemd', 1) }),
      b: job('b', { result: report('docker', 2) }),
      c: job('c', { result: report('systemd', 3, 'other.lan') }),
      d: job('d', { state: 'running' }),
      e: job('e', { operation: 'deploy.apply', result: report('systemd', 9) }),
    };
    expect(lastPreflightOf(jobs, nas)?.installMethod.method).toBe('docker');
    expect(lastPreflightOf(jobs, { ...nas, username: 'root' })).toBeUndefined();
    expect(lastPreflightOf(jobs, undefined)).toBeUndefined();
  });

  it('ignores results that are not well-formed reports', () => {
    expect(lastPreflightOf({ a: job('a', { result: { host: 'nas.lan' } }) }, nas)).toBeUndefined();
  });

  it('turns "by hand" into Auto, and a person’s choice wins over it', () => {
    expect(recommendationOf(report('manual', 1))?.method).toBe('auto');
    const docker = recommendationOf(report('docker', 1));
    expect(docker?.method).toBe('docker');
    expect(effectiveMethod(undefined, docker)).toBe('docker');
    expect(effectiveMethod('systemd', docker)).toBe('systemd');
    expect(effectiveMethod(undefined, undefined)).toBe('auto');
  });
});

describe('what an ended apply undid', () => {
  it('comes from a failure’s message', () => {
    const failed = job('f', {
      state: 'failed',
      error: { code: 'NOT_FOUND', message: 'No such image 9.9.9. Rolled back: image x removed.' },
    });
    expect(rollbackSummaryOf(failed)).toBe('Rolled back: image x removed.');
  });

  it('comes from the journal’s log line after a cancel, whose message is the runner’s', () => {
    const cancelled = job('c', {
      state: 'cancelled',
      message: 'The job was cancelled.',
      log: [
        { at: 1, level: 'error', message: 'Cancelled: The job was cancelled.; rolling back' },
        { at: 2, level: 'info', message: 'Rolled back: container pe2e-node removed; image removed.' },
      ],
    });
    expect(rollbackSummaryOf(cancelled)).toBe('Rolled back: container pe2e-node removed; image removed.');
    const untouched = job('u', {
      state: 'cancelled',
      log: [{ at: 1, level: 'info', message: 'Nothing had been changed on the host.' }],
    });
    expect(rollbackSummaryOf(untouched)).toBe('Nothing had been changed on the host.');
  });

  it('is nothing while running or after success', () => {
    expect(rollbackSummaryOf(job('r', { state: 'running' }))).toBeUndefined();
    expect(rollbackSummaryOf(job('d', { state: 'done', message: 'Rolled back: no' }))).toBeUndefined();
  });
});
