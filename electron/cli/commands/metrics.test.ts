// Runs the real `promstead metrics` command as a user would, in its own data folder,
// against Debian's node_exporter on 127.0.0.1 (plain, and HTTPS with basic auth).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  basicPassword,
  basicUser,
  closedPort,
  makeCertificates,
  startNodeExporter,
  startSecureNodeExporter,
  type Certificates,
  type RunningExporter,
} from '../../services/metrics/scrape/scrape.fixture';

const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'promstead.mjs');
const home = mkdtempSync(join(tmpdir(), 'promstead-metrics-cli-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function promstead(
  args: readonly string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, PROMSTEAD_HOME: home, ...options.env },
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

interface JsonFamily {
  name: string;
  type: string;
  help: string;
  unit: string;
  samples: { name: string; labels: Record<string, string>; value: number | string; timestamp?: number }[];
}

// Each run starts a real process (tsx and the engine): several seconds on a busy machine.
describe('promstead metrics parse', { timeout: 90_000 }, () => {
  const exposition = [
    '# HELP http_requests_total Requests served.',
    '# TYPE http_requests_total counter',
    'http_requests_total{code="200",path="/a b"} 1027 1395066363000',
    'http_requests_total{code="500",path="/"} 3',
    '# TYPE temperature gauge',
    'temperature NaN',
    'temperature{sensor="hot"} +Inf',
    '',
  ].join('\n');

  it('prints the families of stdin as JSON: values as numbers or "NaN"/"+Inf", timestamps in ms', async () => {
    const { code, stdout } = await promstead(['metrics', 'parse', '--json'], { input: exposition });
    expect(code).toBe(0);
    const { families } = JSON.parse(stdout) as { families: JsonFamily[] };
    expect(families).toEqual([
      {
        name: 'http_requests_total',
        type: 'counter',
        help: 'Requests served.',
        unit: '',
        samples: [
          {
            name: 'http_requests_total',
            labels: { code: '200', path: '/a b' },
            value: 1027,
            timestamp: 1395066363000,
          },
          { name: 'http_requests_total', labels: { code: '500', path: '/' }, value: 3 },
        ],
      },
      {
        name: 'temperature',
        type: 'gauge',
        help: '',
        unit: '',
        samples: [
          { name: 'temperature', labels: {}, value: 'NaN' },
          { name: 'temperature', labels: { sensor: 'hot' }, value: '+Inf' },
        ],
      },
    ]);
  });

  it('reads a file, and exits 1 with PARSE_ERROR naming line and column on bad input', async () => {
    const good = join(home, 'good.prom');
    writeFileSync(good, exposition);
    const fromFile = await promstead(['metrics', 'parse', good, '--json']);
    expect(fromFile.code).toBe(0);
    expect((JSON.parse(fromFile.stdout) as { families: JsonFamily[] }).families).toHaveLength(2);
    const bad = await promstead(['metrics', 'parse', '-', '--json'], { input: 'ok 1\nbroken{ 1\n' });
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toEqual({
      error: { code: 'PARSE_ERROR', message: expect.stringMatching(/^line 2 col \d+: /) },
    });
  });

  it('refuses a path that is not a regular file instead of reading it', async () => {
    const { code, stdout } = await promstead(['metrics', 'parse', '/dev/zero', '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({
      error: { code: 'VALIDATION', message: expect.stringContaining('regular file') },
    });
  });
});

describe('promstead metrics scrape', { timeout: 90_000 }, () => {
  let exporter: RunningExporter;
  beforeAll(async () => (exporter = await startNodeExporter()));
  afterAll(() => exporter.stop());

  it('prints the scrape as JSON, and a family as a table of its samples', async () => {
    const url = `http://127.0.0.1:${exporter.port}/metrics`;
    const json = await promstead(['metrics', 'scrape', url, '--family', 'node_load1', '--json']);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as {
      url: string;
      summaries: { name: string }[];
      families: JsonFamily[];
    };
    expect(result.url).toBe(url);
    expect(result.summaries.map((summary) => summary.name)).toContain('node_memory_MemTotal_bytes');
    expect(result.families.map((family) => family.name)).toEqual(['node_load1']);
    const table = await promstead(['metrics', 'scrape', url, '--family', 'node_load1']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^# node_load1 \(gauge\): 1m load average\./m);
    expect(table.stdout).toMatch(/^node_load1\s+\d/m);
  });

  it('exits 1 with CONNECTION_REFUSED when nothing listens, and 2 for a usage mistake', async () => {
    const refused = await promstead([
      'metrics',
      'scrape',
      `http://127.0.0.1:${await closedPort()}/metrics`,
      '--json',
    ]);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, error: { code: 'CONNECTION_REFUSED' } });
    const noToken = await promstead(['metrics', 'scrape', 'https://127.0.0.1:1/metrics', '--bearer'], {
      env: { PROMSTEAD_SCRAPE_TOKEN: '' },
    });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('$PROMSTEAD_SCRAPE_TOKEN');
  });
});

describe('promstead metrics scrape over HTTPS with basic auth', { timeout: 90_000 }, () => {
  let certificates: Certificates;
  let exporter: RunningExporter;
  beforeAll(async () => {
    certificates = await makeCertificates();
    exporter = await startSecureNodeExporter(certificates);
  });
  afterAll(async () => {
    await exporter.stop();
    await certificates.remove();
  });

  it('takes the password from $PROMSTEAD_SCRAPE_PASSWORD and the CA from --ca', async () => {
    const url = `https://127.0.0.1:${exporter.port}/metrics`;
    const args = ['metrics', 'scrape', url, '--basic-user', basicUser, '--ca', certificates.caFile, '--json'];
    const right = await promstead(args, { env: { PROMSTEAD_SCRAPE_PASSWORD: basicPassword } });
    expect(right.code, right.stdout).toBe(0);
    expect((JSON.parse(right.stdout) as { summaries: { name: string }[] }).summaries.length).toBeGreaterThan(
      5,
    );
    const wrong = await promstead(args, { env: { PROMSTEAD_SCRAPE_PASSWORD: 'not-it' } });
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect(wrong.stdout).not.toContain('not-it');
  });
});
