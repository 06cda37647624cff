// Runs the real `promstead query` against Debian's real Prometheus on loopback, as a user
// would, in its own data folder.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { QueryAnswer } from '@shared/contract';
import {
  describeWithPrometheus,
  type RunningPrometheus,
  startPrometheus,
} from '../../services/query/prometheus-process.fixture';

const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'promstead.mjs');
const home = mkdtempSync(join(tmpdir(), 'promstead-query-cli-'));
let prometheus: RunningPrometheus;

beforeAll(async () => {
  prometheus = await startPrometheus();
}, 60_000);
afterAll(async () => {
  await prometheus?.stop();
  rmSync(home, { recursive: true, force: true });
});

function promstead(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, PROMSTEAD_HOME: home },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describeWithPrometheus('promstead query', () => {
  it('prints one row per series, and the QueryAnswer with --json', () => {
    const table = promstead('query', 'up', '--server', prometheus.baseUrl);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      new RegExp(`^up\\{instance="127\\.0\\.0\\.1:${prometheus.port}", job="prometheus"\\}\\s+1$`, 'm'),
    );
    const json = promstead('query', 'up', '--server', prometheus.baseUrl, '--json');
    expect(json.code).toBe(0);
    const answer = JSON.parse(json.stdout) as QueryAnswer;
    expect(answer.data).toMatchObject({
      resultType: 'vector',
      result: [{ metric: { __name__: 'up', job: 'prometheus' }, value: [expect.any(Number), 1] }],
    });
    expect(answer.warnings).toEqual([]);
  }, 60_000);

  it('queries the last --range with a step of range/250 rounded, or the --step given', () => {
    const json = promstead('query', 'vector(1)', '--range', '10m', '--server', prometheus.baseUrl, '--json');
    expect(json.code).toBe(0);
    const answer = JSON.parse(json.stdout) as QueryAnswer;
    if (answer.data.resultType !== 'matrix') throw new Error('not a matrix');
    const points = answer.data.result[0]?.values ?? [];
    // 600 s / 250 = 2.4 s, rounded up to 5 s: 121 points.
    expect(points).toHaveLength(121);
    expect((points[1]?.[0] ?? 0) - (points[0]?.[0] ?? 0)).toBe(5000);
    const table = promstead(
      'query',
      'vector(1)',
      '--range',
      '1m',
      '--step',
      '15s',
      '--server',
      prometheus.baseUrl,
    );
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^\{\}\s+1\s+5$/m);
  }, 60_000);

  it("exits 1 with the code and Prometheus's own message, as JSON with --json", () => {
    const plain = promstead('query', 'sum(up', '--server', prometheus.baseUrl);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain(
      'error QUERY_ERROR: invalid parameter "query": 1:7: parse error: unclosed left parenthesis',
    );
    const json = promstead('query', 'sum(up', '--server', prometheus.baseUrl, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      error: {
        code: 'QUERY_ERROR',
        message: 'invalid parameter "query": 1:7: parse error: unclosed left parenthesis',
      },
    });
    const tooFine = promstead(
      'query',
      'up',
      '--range',
      '30d',
      '--step',
      '1s',
      '--server',
      prometheus.baseUrl,
    );
    expect(tooFine.code).toBe(1);
    expect(tooFine.stderr).toContain('Use a step of 5m or more');
  }, 60_000);

  it('asks for --server when Promstead deployed no Prometheus', () => {
    const { code, stderr } = promstead('query', 'up');
    expect(code).toBe(1);
    expect(stderr).toContain(
      'error NOT_FOUND: Promstead has not deployed a Prometheus: give its address with --server URL',
    );
  }, 60_000);

  it('exits 2 for usage errors', () => {
    for (const args of [
      ['query'],
      ['query', 'up', '--step', '15s', '--server', prometheus.baseUrl],
      ['query', 'up', '--range', 'an hour', '--server', prometheus.baseUrl],
      ['query', 'up', '--server', prometheus.baseUrl, '--host', 'nas'],
    ]) {
      const { code, stderr } = promstead(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toContain('promstead --help');
    }
  }, 90_000);
});
