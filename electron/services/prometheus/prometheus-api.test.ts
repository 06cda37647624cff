// Against Debian's real Prometheus 2.42 on loopback: targets with their health, a reload
// that takes a new config, and a refused reload without --web.enable-lifecycle.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freeLoopbackPort } from '../exporters/tool-checks';
import { activeTargets, fetchHttp, reloadConfig, waitForTargetsUp } from './prometheus-api';

const prometheusBinary = '/usr/bin/prometheus';
const describeWithPrometheus =
  existsSync(prometheusBinary) || process.env.CI === 'true' ? describe : describe.skip;

const started: { child: ChildProcess; dir: string }[] = [];

afterEach(async () => {
  for (const { child, dir } of started.splice(0)) {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
    await rm(dir, { recursive: true, force: true });
  }
});

function config(port: number, extraTarget?: string): string {
  return [
    'global: { scrape_interval: 1s, evaluation_interval: 1s }',
    'scrape_configs:',
    '  - job_name: prometheus',
    `    static_configs: [{ targets: ['127.0.0.1:${port}'] }]`,
    ...(extraTarget ? ['  - job_name: gone', `    static_configs: [{ targets: ['${extraTarget}'] }]`] : []),
    '',
  ].join('\n');
}

async function startPrometheus(
  lifecycle: boolean,
): Promise<{ baseUrl: string; port: number; configFile: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'promstead-prometheus-api-'));
  const port = await freeLoopbackPort();
  const deadPort = await freeLoopbackPort();
  const configFile = join(dir, 'prometheus.yml');
  await writeFile(configFile, config(port, `127.0.0.1:${deadPort}`));
  const child = spawn(
    prometheusBinary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      ...(lifecycle ? ['--web.enable-lifecycle'] : []),
    ],
    { stdio: 'ignore' },
  );
  started.push({ child, dir });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    const ready = await fetch(`${baseUrl}/-/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { baseUrl, port, configFile };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('Prometheus did not become ready');
}

describeWithPrometheus('Prometheus API client', () => {
  it('reports a dead target as down, then all up once a reload drops it', async () => {
    const { baseUrl, port, configFile } = await startPrometheus(true);
    const http = fetchHttp(baseUrl);
    const before = await waitForTargetsUp(http, {
      attempts: 8,
      intervalMs: 500,
      expectedJobs: ['prometheus', 'gone'],
    });
    expect(before.allUp).toBe(false);
    const gone = before.targets.find((target) => target.job === 'gone');
    expect(gone?.health).not.toBe('up');

    await writeFile(configFile, config(port));
    await reloadConfig(http);
    const after = await waitForTargetsUp(http, {
      attempts: 40,
      intervalMs: 250,
      expectedJobs: ['prometheus'],
    });
    expect(after.allUp).toBe(true);
    expect(after.targets.map((target) => `${target.job} ${target.instance}`)).toEqual([
      `prometheus 127.0.0.1:${port}`,
    ]);
  }, 60_000);

  it('says how to enable reloads when the server refuses them', async () => {
    const { baseUrl } = await startPrometheus(false);
    await expect(reloadConfig(fetchHttp(baseUrl))).rejects.toThrow(/--web.enable-lifecycle/);
    // Discovery runs just after start: the targets appear within a few polls.
    const seen = await waitForTargetsUp(fetchHttp(baseUrl), {
      attempts: 40,
      intervalMs: 250,
      expectedJobs: ['prometheus', 'gone'],
    });
    expect(seen.targets.map((target) => target.job).sort()).toEqual(['gone', 'prometheus']);
    expect(await activeTargets(fetchHttp(baseUrl))).toHaveLength(2);
  }, 60_000);
});
