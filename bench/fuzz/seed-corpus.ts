// The fuzzer's seeds: real expositions from Debian's exporters (the same packages the lab's
// images are built from), asked for both formats with Prometheus's own Accept header, and a
// few of our own written to reach what they do not show (exemplars, info, stateset, units).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExpositionFormat } from '@shared/contract';
import { freeLoopbackPort } from '../../electron/services/exporters/tool-checks';

export interface Seed {
  name: string;
  format: ExpositionFormat;
  bytes: Uint8Array;
}

const openMetricsAccept = 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5';
const textAccept = 'text/plain;version=0.0.4';

const ownOpenMetrics = `# TYPE build info
# HELP build Build information.
build_info{version="1.2.3",revision="abc"} 1
# TYPE door stateset
door{door="open"} 1
door{door="closed"} 0
# TYPE queue_wait_seconds histogram
# UNIT queue_wait_seconds seconds
# HELP queue_wait_seconds Time a job waits, with "quotes" and a \\\\ backslash.
queue_wait_seconds_bucket{le="0.1"} 3 # {trace_id="4bf92f3577b34da6"} 0.05 1700000000.123
queue_wait_seconds_bucket{le="1"} 7
queue_wait_seconds_bucket{le="+Inf"} 9
queue_wait_seconds_count 9
queue_wait_seconds_sum 4.5
queue_wait_seconds_created 1700000000.5
# TYPE requests counter
requests_total{path="/a\\nb",code="200"} 1027 1700000000 # {trace_id="x"} 1 1700000000
requests_created{path="/a\\nb",code="200"} 1699999000
# TYPE temperature_celsius gauge
# UNIT temperature_celsius celsius
temperature_celsius{sensor="cpu"} -3.5e1
temperature_celsius{sensor="disk"} NaN
# TYPE disk_io gaugehistogram
disk_io_bucket{le="10"} 2
disk_io_bucket{le="+Inf"} 3
disk_io_gcount 3
disk_io_gsum 12
# TYPE rpc_latency summary
rpc_latency{quantile="0.5"} 0.2
rpc_latency{quantile="0.99"} +Inf
rpc_latency_count 12
rpc_latency_sum 3
# TYPE mystery unknown
mystery 1
# EOF
`;

const ownText = `# HELP http_requests_total Requests, by "code"\\nand method.
# TYPE http_requests_total counter
http_requests_total{method="post",code="200"} 1027 1395066363000
http_requests_total{method="post",code="400",} 3 1395066363000
msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
metric_without_timestamp_and_labels 12.47
something_weird{problem="division by zero"} +Inf -3982045
# TYPE rpc_duration_seconds summary
rpc_duration_seconds{quantile="0.01"} 3102
rpc_duration_seconds{quantile="0.5"} 4773
rpc_duration_seconds_sum 1.7560473e+07
rpc_duration_seconds_count 2693
# TYPE latency histogram
latency_bucket{le="0.05"} 24054
latency_bucket{le="+Inf"} 144320
latency_sum 53423
latency_count 144320
`;

async function fetchWhenUp(
  url: string,
  accept: string,
  exited: () => string | undefined,
): Promise<Uint8Array> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const exit = exited();
    if (exit) throw new Error(exit);
    try {
      const response = await fetch(url, { headers: { accept }, signal: AbortSignal.timeout(5000) });
      const body = new Uint8Array(await response.arrayBuffer());
      if (response.ok && body.length > 1000) return body;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
}

/** Runs one Debian exporter on 127.0.0.1, takes its exposition in both formats, stops it by pid. */
async function capture(
  name: string,
  file: string,
  args: (port: number, dir: string) => Promise<string[]>,
): Promise<Seed[]> {
  const port = await freeLoopbackPort();
  const dir = await mkdtemp(join(tmpdir(), 'promstead-fuzz-seed-'));
  const child = spawn(file, await args(port, dir), { stdio: 'ignore' });
  const exited = (): string | undefined =>
    child.exitCode !== null ? `${file} exited ${child.exitCode}` : undefined;
  try {
    const url = `http://127.0.0.1:${port}/metrics`;
    const openMetrics = await fetchWhenUp(url, openMetricsAccept, exited);
    const text = await fetchWhenUp(url, textAccept, exited);
    return [
      { name: `${name} (OpenMetrics)`, format: 'openmetrics', bytes: openMetrics },
      { name: `${name} (text)`, format: 'prometheus-text', bytes: text },
    ];
  } finally {
    if (child.pid !== undefined && child.exitCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
}

export async function collectSeeds(): Promise<Seed[]> {
  const encoder = new TextEncoder();
  const seeds: Seed[] = [
    { name: 'own OpenMetrics', format: 'openmetrics', bytes: encoder.encode(ownOpenMetrics) },
    { name: 'own text', format: 'prometheus-text', bytes: encoder.encode(ownText) },
  ];
  seeds.push(
    ...(await capture('node_exporter', '/usr/bin/prometheus-node-exporter', async (port) => [
      `--web.listen-address=127.0.0.1:${port}`,
      '--collector.processes',
    ])),
    ...(await capture('pushgateway', '/usr/bin/prometheus-pushgateway', async (port) => [
      `--web.listen-address=127.0.0.1:${port}`,
    ])),
    ...(await capture('blackbox_exporter', '/usr/bin/prometheus-blackbox-exporter', async (port, dir) => {
      await writeFile(join(dir, 'blackbox.yml'), 'modules: {}\n');
      return [`--web.listen-address=127.0.0.1:${port}`, `--config.file=${join(dir, 'blackbox.yml')}`];
    })),
    ...(await capture('prometheus', '/usr/bin/prometheus', async (port, dir) => {
      await writeFile(join(dir, 'prometheus.yml'), 'global: {}\n');
      return [
        `--web.listen-address=127.0.0.1:${port}`,
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
      ];
    })),
  );
  return seeds;
}
