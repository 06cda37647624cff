// Liveness sweeps of the lab's /24 from the workstation: fping, the system ping, TCP
// connects (as root, and as an unprivileged user without ICMP), and cancellation.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { PromsteadError } from '@shared/contract';
import {
  ipToNumber,
  parseTargets,
  sweep,
  tcpConnect,
  type SweepOptions,
  type SweepResult,
} from '../../electron/services/net';
import { childrenNamed, processGone } from '../../electron/services/net/process-state.fixture';
import { labHosts, labSubnet, lanAddresses } from '../lab/lab-facts';

const execFileAsync = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

/** Everything that answers on the lab LAN, the bridge itself included. */
const expectedAlive = [...lanAddresses];

const speed = { timeoutMs: 500, retries: 1, packetsPerSecond: 1000 };
const pingGroupRangePath = '/proc/sys/net/ipv4/ping_group_range';

let addresses: string[] = [];
beforeAll(async () => {
  ({ addresses } = await parseTargets([labSubnet]));
  // Never a packet outside the lab: the sweeps below only ever get these.
  const [first, last] = [ipToNumber('10.203.0.1'), ipToNumber('10.203.0.254')];
  expect(addresses).toHaveLength(254);
  expect(addresses.every((address) => ipToNumber(address) >= first && ipToNumber(address) <= last)).toBe(
    true,
  );
});

interface TimedSweep {
  result: SweepResult;
  streamed: Array<{ address: string; latencyMs: number | undefined; via: string; atMs: number }>;
  durationMs: number;
}

async function timedSweep(overrides: Partial<SweepOptions>): Promise<TimedSweep> {
  const streamed: TimedSweep['streamed'] = [];
  const started = performance.now();
  const result = await sweep(addresses, {
    ...speed,
    signal: new AbortController().signal,
    onAlive: (address, latencyMs, via) =>
      streamed.push({ address, latencyMs, via, atMs: performance.now() - started }),
    ...overrides,
  });
  return { result, streamed, durationMs: performance.now() - started };
}

function sortedKeys(map: Map<string, unknown> | Record<string, unknown>): string[] {
  const keys = map instanceof Map ? [...map.keys()] : Object.keys(map);
  return keys.sort((a, b) => ipToNumber(a) - ipToNumber(b));
}

describe('liveness of the lab /24', () => {
  it('auto picks one fping for the whole list as root, and streams each host as it answers', async () => {
    const { result, streamed, durationMs } = await timedSweep({ method: 'auto' });
    console.info(`fping sweep of ${labSubnet}: ${Math.round(durationMs)} ms`);
    expect(result.method).toBe('fping');
    expect(result.notes).toEqual([]);
    expect(sortedKeys(result.alive)).toEqual(expectedAlive);
    for (const { latencyMs, via } of result.alive.values()) {
      expect(via).toBe('icmp');
      expect(latencyMs).toBeGreaterThan(0);
      expect(latencyMs).toBeLessThan(100);
    }
    expect(streamed.map((entry) => entry.address).sort()).toEqual([...expectedAlive].sort());
    // Streamed, not batched: the hosts came while fping still waited for the dead ones.
    const lastAnswer = Math.max(...streamed.map((entry) => entry.atMs));
    expect(durationMs - lastAnswer).toBeGreaterThan(400);
  });

  it('the system ping, one process per host, finds the same hosts', async () => {
    const { result, durationMs } = await timedSweep({ method: 'ping' });
    console.info(`ping sweep of ${labSubnet}: ${Math.round(durationMs)} ms`);
    expect(result.method).toBe('ping');
    expect(sortedKeys(result.alive)).toEqual(expectedAlive);
    for (const { latencyMs, via } of result.alive.values()) {
      expect(via).toBe('icmp');
      expect(latencyMs).toBeGreaterThan(0);
    }
  });

  it('TCP connects find the same hosts: an open port or a refusal both prove a host', async () => {
    const { result, durationMs } = await timedSweep({ method: 'tcp' });
    console.info(`tcp sweep of ${labSubnet}: ${Math.round(durationMs)} ms`);
    expect(result.method).toBe('tcp');
    expect(sortedKeys(result.alive)).toEqual(expectedAlive);
    for (const { via } of result.alive.values()) expect(via).toBe('tcp');
  });

  it('tcpConnect tells open (NAS sshd), refused (switch, printer) and no answer (an empty address)', async () => {
    const options = { timeoutMs: 500 };
    expect((await tcpConnect(labHosts.nas.address, 22, options)).state).toBe('open');
    expect((await tcpConnect(labHosts.switch.address, 22, options)).state).toBe('refused');
    expect((await tcpConnect(labHosts.accessPoint.address, 443, options)).state).toBe('refused');
    expect((await tcpConnect(labHosts.printer.address, 9100, options)).state).toBe('refused');
    expect((await tcpConnect('10.203.0.99', 22, options)).state).toBe('timeout');
  });
});

interface ChildOutcome {
  uid: number;
  method: string;
  alive: Record<string, { latencyMs?: number; via: string }>;
  notes: string[];
  durationMs: number;
}

/** Runs the sweep fixture as nobody (uid and gid 65534, no supplementary groups). */
async function sweepAsNobody(dropRawSockets: boolean): Promise<ChildOutcome> {
  const setpriv = ['--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all'];
  // Without CAP_NET_RAW in the bounding set, the file capability that lets Debian's ping
  // and fping open raw sockets cannot be granted (exec fails): as on a system whose ping
  // has no privilege of its own.
  if (dropRawSockets) setpriv.push('--bounding-set=-net_raw');
  const input = JSON.stringify({ addresses, ...speed, method: 'auto' });
  const fixture = resolve(root, 'electron/services/net/sweep-as-child.fixture.ts');
  const { stdout } = await execFileAsync(
    'setpriv',
    [...setpriv, process.execPath, '--import', 'tsx', fixture, input],
    { cwd: root, timeout: 90_000, maxBuffer: 4 * 1024 * 1024, env: { ...process.env, HOME: '/tmp' } },
  );
  return JSON.parse(stdout) as ChildOutcome;
}

describe('liveness as an unprivileged user with ICMP not permitted (ping_group_range "1 0")', () => {
  it('falls back to TCP and says so, or uses the privileged ping binaries and says that', async () => {
    const original = readFileSync(pingGroupRangePath, 'utf8');
    let withoutRaw: ChildOutcome;
    let withRaw: ChildOutcome;
    // Per network namespace: only lab-ws sees it, and only while both children run.
    writeFileSync(pingGroupRangePath, '1 0');
    try {
      [withoutRaw, withRaw] = await Promise.all([sweepAsNobody(true), sweepAsNobody(false)]);
    } finally {
      writeFileSync(pingGroupRangePath, original.trim() || '0 2147483647');
    }
    expect(readFileSync(pingGroupRangePath, 'utf8').trim()).toBe(original.trim());
    console.info(`tcp sweep as nobody: ${Math.round(withoutRaw.durationMs)} ms`);

    expect(withoutRaw.uid).toBe(65534);
    expect(withoutRaw.method).toBe('tcp');
    expect(sortedKeys(withoutRaw.alive)).toEqual(expectedAlive);
    for (const host of Object.values(withoutRaw.alive)) expect(host.via).toBe('tcp');
    expect(withoutRaw.notes).toHaveLength(1);
    expect(withoutRaw.notes[0]).toMatch(
      /^ICMP is not permitted for this user \(net\.ipv4\.ping_group_range is 1 0\).*marked up \(tcp\)\. To allow ICMP: sudo sysctl -w net\.ipv4\.ping_group_range='0 2147483647'\.$/,
    );

    // Debian's fping and ping carry cap_net_raw: ICMP still works through them.
    expect(withRaw.uid).toBe(65534);
    expect(withRaw.method).toBe('fping');
    expect(sortedKeys(withRaw.alive)).toEqual(expectedAlive);
    expect(withRaw.notes).toEqual([
      'ICMP is not permitted for this user (net.ipv4.ping_group_range is 1 0); the system ping works because it carries its own privilege.',
    ]);
  });
});

function socketInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith('socket:')) inodes.add(target);
    } catch {
      // closed while we looked
    }
  }
  return inodes;
}

describe('cancelling a sweep', () => {
  it.each(['fping', 'ping'] as const)(
    'kills every %s child at once and rejects with CANCELLED',
    async (method) => {
      const controller = new AbortController();
      let children: number[] = [];
      let abortedAt = 0;
      const run = sweep(addresses, {
        ...speed,
        method,
        signal: controller.signal,
        onAlive: () => {
          if (controller.signal.aborted) return;
          // The children at the moment of the first answer: all must be gone after.
          children = childrenNamed(method);
          abortedAt = performance.now();
          controller.abort(new PromsteadError('CANCELLED', 'The job was cancelled.'));
        },
      });
      const error = await run.catch((caught: unknown) => caught);
      const stoppedAfter = performance.now() - abortedAt;
      expect(error).toBeInstanceOf(PromsteadError);
      expect(error).toMatchObject({ code: 'CANCELLED' });
      expect(children.length).toBeGreaterThan(0);
      for (const pid of children) expect(processGone(pid), `pid ${pid}`).toBe(true);
      expect(childrenNamed(method)).toEqual([]);
      // At once: no waiting for the pings' own timeouts.
      expect(stoppedAfter).toBeLessThan(speed.timeoutMs);
    },
  );

  it('closes every socket of a TCP sweep and rejects with CANCELLED', async () => {
    const before = socketInodes();
    const controller = new AbortController();
    let openAtAbort = 0;
    const run = sweep(addresses, {
      ...speed,
      method: 'tcp',
      signal: controller.signal,
      onAlive: () => {
        if (controller.signal.aborted) return;
        openAtAbort = [...socketInodes()].filter((inode) => !before.has(inode)).length;
        controller.abort(new PromsteadError('CANCELLED', 'The job was cancelled.'));
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(openAtAbort).toBeGreaterThan(0);
    const leftOver = [...socketInodes()].filter((inode) => !before.has(inode));
    expect(leftOver).toEqual([]);
  });
});
