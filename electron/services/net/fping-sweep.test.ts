import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PromsteadError } from '@shared/contract';
import { fpingArgs, fpingDeadlineMs, fpingIntervalMs, fpingSweep, parseFpingLine } from './fping-sweep';
import { processGone } from './process-state.fixture';

describe('fping arguments', () => {
  it('derives -i from the packet rate, at least 1 ms, and reads targets from stdin', () => {
    expect(fpingIntervalMs(1000)).toBe(1);
    expect(fpingIntervalMs(10_000)).toBe(1);
    expect(fpingIntervalMs(200)).toBe(5);
    expect(fpingIntervalMs(3)).toBe(333);
    expect(fpingArgs({ timeoutMs: 500, retries: 1, packetsPerSecond: 200 })).toEqual([
      '-a',
      '-e',
      '-i',
      '5',
      '-t',
      '500',
      '-r',
      '1',
      '-f',
      '-',
    ]);
  });
  it('allows for every retry and the backoff in its deadline', () => {
    // 1000 + 1500 + 2250 ms of waiting, 254 × 3 × 1 ms of sending, 30 s of slack.
    expect(fpingDeadlineMs(254, { timeoutMs: 1000, retries: 2, packetsPerSecond: 1000 })).toBe(
      4750 + 762 + 30_000,
    );
  });
});

describe('fping output', () => {
  it('reads alive lines with and without -a, with and without times', () => {
    expect(parseFpingLine('10.203.0.1 (0.179 ms)')).toEqual({ address: '10.203.0.1', latencyMs: 0.179 });
    expect(parseFpingLine('10.203.0.1 is alive (12 ms)')).toEqual({ address: '10.203.0.1', latencyMs: 12 });
    expect(parseFpingLine('10.203.0.1 is alive')).toEqual({ address: '10.203.0.1' });
    expect(parseFpingLine('10.203.0.1')).toEqual({ address: '10.203.0.1' });
    expect(parseFpingLine('  10.203.0.1 (0.05 ms)\r')).toEqual({ address: '10.203.0.1', latencyMs: 0.05 });
  });
  it('ignores everything else, including replies from another address', () => {
    for (const line of [
      '',
      '10.203.0.99 is unreachable',
      '10.203.0.255 is alive [<- 10.203.0.10]',
      '10.203.0.255 (0.1 ms) [<- 10.203.0.10]',
      'ICMP Host Unreachable from 10.203.0.10 for ICMP Echo sent to 10.203.0.99',
      "fping: can't create socket (must run as root?)",
      '10.203.0.1 (abc ms)',
      'nas.lan is alive',
    ]) {
      expect(parseFpingLine(line), line).toBeUndefined();
    }
  });
});

// Stand-ins for fping: they record their arguments and stdin, then behave as told.
const scratch = mkdtempSync(join(tmpdir(), 'promstead-fping-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function fakeFping(name: string, body: string): string {
  const path = join(scratch, name);
  writeFileSync(
    path,
    `#!${process.execPath}
const { writeFileSync } = require('node:fs');
const dir = ${JSON.stringify(scratch)};
writeFileSync(dir + '/${name}.pid', String(process.pid));
writeFileSync(dir + '/${name}.args', JSON.stringify(process.argv.slice(2)));
let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  writeFileSync(dir + '/${name}.stdin', input);
  ${body}
});
`,
  );
  chmodSync(path, 0o755);
  return path;
}

const options = { timeoutMs: 500, retries: 1, packetsPerSecond: 1000 };

describe('fpingSweep with a stand-in fping', () => {
  it('streams each alive host as it is printed, ignores strangers, and takes exit 1 as normal', async () => {
    const path = fakeFping(
      'streaming',
      `process.stdout.write('10.0.0.1 (0.10 ms)\\n10.0.0.9 (1 ms)\\n');
       setTimeout(() => { process.stdout.write('10.0.0.3 (0.30 ms)\\n'); process.exit(1); }, 300);`,
    );
    const started = performance.now();
    const seen: Array<{ address: string; latencyMs: number | undefined; at: number }> = [];
    const outcome = await fpingSweep(path, ['10.0.0.1', '10.0.0.2', '10.0.0.3'], {
      ...options,
      signal: new AbortController().signal,
      onAlive: (address, latencyMs) => seen.push({ address, latencyMs, at: performance.now() - started }),
    });
    expect(outcome).toEqual({ ok: true });
    expect(seen.map(({ address, latencyMs }) => [address, latencyMs])).toEqual([
      ['10.0.0.1', 0.1],
      ['10.0.0.3', 0.3],
    ]);
    // The first host arrived well before fping finished.
    expect((seen[1]?.at ?? 0) - (seen[0]?.at ?? 0)).toBeGreaterThan(200);
    expect(JSON.parse(readFileSync(join(scratch, 'streaming.args'), 'utf8'))).toEqual(fpingArgs(options));
    expect(readFileSync(join(scratch, 'streaming.stdin'), 'utf8')).toBe('10.0.0.1\n10.0.0.2\n10.0.0.3\n');
  });

  it('reports a failure (for the caller to fall back) when fping cannot open its socket', async () => {
    const path = fakeFping(
      'denied',
      `process.stderr.write("fping: can't create socket (must run as root?)\\n"); process.exit(4);`,
    );
    const outcome = await fpingSweep(path, ['10.0.0.1'], {
      ...options,
      signal: new AbortController().signal,
      onAlive: () => undefined,
    });
    expect(outcome).toEqual({
      ok: false,
      reason: expect.stringMatching(/exit 4: fping: can't create socket/),
    });
  });

  it('reports a failure when fping cannot be started at all', async () => {
    const outcome = await fpingSweep(join(scratch, 'absent'), ['10.0.0.1'], {
      ...options,
      signal: new AbortController().signal,
      onAlive: () => undefined,
    });
    expect(outcome).toEqual({ ok: false, reason: expect.stringMatching(/could not start \(ENOENT\)/) });
  });

  it('on abort kills fping at once and rejects with the reason only after it is gone', async () => {
    const path = fakeFping(
      'hanging',
      `process.stdout.write('10.0.0.1 (0.1 ms)\\n'); setTimeout(() => {}, 60_000);`,
    );
    const controller = new AbortController();
    const reason = new PromsteadError('CANCELLED', 'The job was cancelled.');
    const run = fpingSweep(path, ['10.0.0.1', '10.0.0.2'], {
      ...options,
      signal: controller.signal,
      onAlive: () => controller.abort(reason),
    });
    await expect(run).rejects.toBe(reason);
    const pid = Number(readFileSync(join(scratch, 'hanging.pid'), 'utf8'));
    expect(processGone(pid)).toBe(true);
  });

  it('does not start fping for an empty list', async () => {
    const outcome = await fpingSweep(join(scratch, 'absent'), [], {
      ...options,
      signal: new AbortController().signal,
      onAlive: () => undefined,
    });
    expect(outcome).toEqual({ ok: true });
  });
});
