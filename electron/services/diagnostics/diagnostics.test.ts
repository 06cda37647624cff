import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JobRunner } from '../jobs';
import { checkDocker, dockerEndpointFrom } from './docker-check';
import { judgeIcmp } from './icmp-check';
import { runSelfTest } from './self-test';
import { checkSshAgent } from './ssh-agent-check';
import { findExecutable } from './find-executable';
import type { CapabilityCheck } from './capability-checks';

const scratch = mkdtempSync(join(tmpdir(), 'promstead-diag-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('ICMP permission', () => {
  const linux = { platform: 'linux' as const, uid: 1000, groups: [1000, 27] };
  it('is permitted when a group of the user is inside ping_group_range', () => {
    expect(judgeIcmp({ ...linux, pingGroupRange: '0\t2147483647' }).status).toBe('ok');
    expect(judgeIcmp({ ...linux, pingGroupRange: '27 27' })).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining('group 27'),
    });
  });
  it('is not permitted with the kernel default "1 0", and the detail gives the sysctl that fixes it', () => {
    const result = judgeIcmp({ ...linux, pingGroupRange: '1\t0' });
    expect(result.status).toBe('warn');
    expect(result.detail).toContain('net.ipv4.ping_group_range');
  });
  it('is permitted for root and on macOS and Windows', () => {
    expect(judgeIcmp({ ...linux, uid: 0, pingGroupRange: '1 0' }).status).toBe('ok');
    expect(judgeIcmp({ ...linux, platform: 'darwin', pingGroupRange: undefined }).status).toBe('ok');
    expect(judgeIcmp({ ...linux, platform: 'win32', pingGroupRange: undefined }).status).toBe('ok');
  });
  it('warns, rather than guessing, when the sysctl is unreadable or garbled', () => {
    expect(judgeIcmp({ ...linux, pingGroupRange: undefined }).status).toBe('warn');
    expect(judgeIcmp({ ...linux, pingGroupRange: 'garbage' }).status).toBe('warn');
  });
});

describe('Docker check', () => {
  it('reads DOCKER_HOST for unix and tcp endpoints and falls back to the default socket', () => {
    expect(dockerEndpointFrom({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }, 'linux')).toEqual({
      kind: 'socket',
      path: '/run/user/1000/docker.sock',
    });
    expect(dockerEndpointFrom({ DOCKER_HOST: 'tcp://10.0.0.5:2376' }, 'linux')).toEqual({
      kind: 'tcp',
      host: '10.0.0.5',
      port: 2376,
    });
    expect(dockerEndpointFrom({}, 'linux')).toEqual({ kind: 'socket', path: '/var/run/docker.sock' });
  });
  it('says missing, naming the path, when there is no socket', async () => {
    const result = await checkDocker({ DOCKER_HOST: `unix://${join(scratch, 'absent.sock')}` });
    expect(result).toMatchObject({ status: 'missing', detail: expect.stringContaining('absent.sock') });
  });
  it('says a socket that is not a Docker Engine is not one', async () => {
    const path = join(scratch, 'not-docker.sock');
    const server = createServer((socket) =>
      socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n'),
    );
    await new Promise<void>((resolve) => server.listen(path, resolve));
    const result = await checkDocker({ DOCKER_HOST: `unix://${path}` });
    server.close();
    expect(result).toMatchObject({ status: 'warn', detail: expect.stringContaining('HTTP 404') });
  });
});

const sshAgentPath = await findExecutable('ssh-agent');
describe.skipIf(!sshAgentPath && !process.env.CI)('SSH agent check (real ssh-agent)', () => {
  it('reports missing without SSH_AUTH_SOCK, then a real agent with no keys, then with one key', async () => {
    expect((await checkSshAgent({})).status).toBe('missing');
    const socketPath = join(scratch, 'agent.sock');
    const agent = spawn(sshAgentPath ?? 'ssh-agent', ['-D', '-a', socketPath], { stdio: 'ignore' });
    try {
      for (
        let i = 0;
        i < 50 && (await checkSshAgent({ SSH_AUTH_SOCK: socketPath })).status === 'missing';
        i++
      ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await checkSshAgent({ SSH_AUTH_SOCK: socketPath })).toMatchObject({
        status: 'warn',
        detail: expect.stringContaining('ssh-add'),
      });
      const key = join(scratch, 'id_ed25519');
      spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
      const added = spawnSync('ssh-add', [key], { env: { ...process.env, SSH_AUTH_SOCK: socketPath } });
      expect(added.status).toBe(0);
      expect(await checkSshAgent({ SSH_AUTH_SOCK: socketPath })).toMatchObject({
        status: 'ok',
        detail: expect.stringContaining('1 key'),
      });
    } finally {
      agent.kill();
    }
  });
});

describe('self-test job', () => {
  const fakeChecks: CapabilityCheck[] = [
    { name: 'icmp', label: 'first', run: async () => ({ status: 'ok', detail: 'fine' }) },
    { name: 'docker', label: 'second', run: async () => ({ status: 'missing', detail: 'absent' }) },
    {
      name: 'ping',
      label: 'third',
      run: async () => {
        throw new Error('exploded');
      },
    },
  ];

  it('runs every check in order, a progress event per check, and turns a crashing check into a warning', async () => {
    const runner = new JobRunner({ throttleMs: 0 });
    const phases: string[] = [];
    runner.onEvent((event) => event.type === 'progress' && phases.push(`${event.current}/${event.total}`));
    const jobId = runner.start('diagnostics.selfTest', (job) =>
      runSelfTest({ repeat: 2, intervalMs: 0 }, job, fakeChecks),
    );
    const terminal = await runner.wait(jobId);
    expect(terminal.type).toBe('done');
    const result = (terminal as { result: Awaited<ReturnType<typeof runSelfTest>> }).result;
    expect(result.checks.map((check) => [check.label, check.status])).toEqual([
      ['first', 'ok'],
      ['second', 'missing'],
      ['third', 'warn'],
    ]);
    expect(result.checks[2]?.detail).toContain('exploded');
    expect(result.ok).toBe(false);
    expect(phases.at(-1)).toBe('6/6');
    expect(phases).toContain('3/6');
  });

  it('stops between checks when cancelled', async () => {
    const runner = new JobRunner({ throttleMs: 0 });
    const jobId = runner.start('diagnostics.selfTest', (job) =>
      runSelfTest({ repeat: 100, intervalMs: 50 }, job, fakeChecks),
    );
    await new Promise((resolve) => setTimeout(resolve, 120));
    runner.cancel(jobId);
    expect((await runner.wait(jobId)).type).toBe('cancelled');
    const [summary] = runner.list();
    expect(summary?.current ?? 0).toBeLessThan(300);
  });
});
