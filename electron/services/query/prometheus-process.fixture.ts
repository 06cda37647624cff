// Test support: Debian's real Prometheus on a free loopback port, scraping itself every
// second from a temp storage folder, started once per test file and stopped by its pid.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe } from 'vitest';
import { freeLoopbackPort } from '../exporters/tool-checks';

const prometheusBinary = '/usr/bin/prometheus';

/** Skipped where Prometheus is not installed, never in CI (the guard installs it there). */
export const describeWithPrometheus =
  existsSync(prometheusBinary) || process.env.CI === 'true' ? describe : describe.skip;

export interface RunningPrometheus {
  baseUrl: string;
  port: number;
  stop: () => Promise<void>;
}

export interface PrometheusOptions {
  /** Contents of a --web.config.file (basic auth users, say). */
  webConfig?: string;
  /** Wait until its first scrapes are stored (and metadata known); default true. */
  waitForScrapes?: boolean;
  /** Serve HTTPS with this certificate (added to the web config). */
  tls?: { certFile: string; keyFile: string };
}

/** Whether something accepts connections on the loopback port (TLS servers answer no plain fetch). */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function stopByPid(pid: number, exited: Promise<unknown>): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const timer = new Promise((resolve) => setTimeout(resolve, 10_000));
  await Promise.race([exited, timer]);
}

/** Polls `ready` every 200 ms, at most 150 times (30 s). */
async function waitFor(what: string, ready: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt++) {
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Prometheus: ${what} did not happen within 30 s`);
}

export async function startPrometheus(options: PrometheusOptions = {}): Promise<RunningPrometheus> {
  const dir = await mkdtemp(join(tmpdir(), 'promstead-query-'));
  const port = await freeLoopbackPort();
  const configFile = join(dir, 'prometheus.yml');
  await writeFile(
    configFile,
    [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      'scrape_configs:',
      '  - job_name: prometheus',
      `    static_configs: [{ targets: ['127.0.0.1:${port}'] }]`,
      ...(options.tls ? ['    scheme: https', '    tls_config: { insecure_skip_verify: true }'] : []),
      ...(options.webConfig
        ? ['    basic_auth: { username: promstead, password: promstead-test-password }']
        : []),
      '',
    ].join('\n'),
  );
  const webConfigArgs: string[] = [];
  const tlsConfig = options.tls
    ? `tls_server_config:\n  cert_file: ${options.tls.certFile}\n  key_file: ${options.tls.keyFile}\n`
    : '';
  if (options.webConfig || options.tls) {
    await writeFile(join(dir, 'web.yml'), `${options.webConfig ?? ''}${tlsConfig}`);
    webConfigArgs.push(`--web.config.file=${join(dir, 'web.yml')}`);
  }
  const child = spawn(
    prometheusBinary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      ...webConfigArgs,
    ],
    { stdio: 'ignore' },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('Prometheus did not start');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const baseUrl = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await stopByPid(pid, exited);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    // With a web config, any answer (401 included) means it is listening.
    await waitFor('ready', async () => {
      if (options.tls) return listening(port);
      const response = await fetch(`${baseUrl}/-/ready`);
      return options.webConfig ? response.status === 401 || response.ok : response.ok;
    });
    if (options.waitForScrapes ?? !(options.webConfig || options.tls)) {
      await waitFor('the first scrapes', async () => {
        const body = (await (await fetch(`${baseUrl}/api/v1/query?query=up`)).json()) as {
          data?: { result?: unknown[] };
        };
        const metadata = (await (
          await fetch(`${baseUrl}/api/v1/metadata?metric=prometheus_ready`)
        ).json()) as {
          data?: Record<string, unknown>;
        };
        return (body.data?.result?.length ?? 0) > 0 && Object.keys(metadata.data ?? {}).length > 0;
      });
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, port, stop };
}
