// Inputs for the exposition benchmark: what node_exporter (Debian's, default collectors)
// exposes on this machine, and a generated exposition of a chosen number of series
// shaped like a busy exporter's (counters, gauges, histograms; repeated label values).
import { freeLoopbackPort, scrapeWhileRunning } from '../electron/services/exporters/tool-checks';

export async function nodeExporterBody(): Promise<Buffer> {
  const port = await freeLoopbackPort();
  const body = await scrapeWhileRunning(
    '/usr/bin/prometheus-node-exporter',
    [`--web.listen-address=127.0.0.1:${port}`],
    port,
    (text) => text.includes('node_cpu_seconds_total'),
  );
  return Buffer.from(body, 'utf8');
}

const buckets = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf'];
const modes = ['idle', 'iowait', 'irq', 'nice', 'softirq', 'steal', 'system', 'user'];

/** About `series` sample lines: families of 100 series, a tenth of them histograms. */
export function syntheticBody(series: number): Buffer {
  const parts: string[] = [];
  let written = 0;
  for (let family = 0; written < series; family++) {
    const kind = family % 10 === 9 ? 'histogram' : family % 2 === 0 ? 'counter' : 'gauge';
    const name = `synthetic_subsystem_${family % 37}_metric_${family}${kind === 'counter' ? '_total' : kind === 'histogram' ? '_seconds' : '_bytes'}`;
    parts.push(`# HELP ${name} Synthetic ${kind} number ${family}, with a help text of typical length.\n`);
    parts.push(`# TYPE ${name} ${kind}\n`);
    if (kind === 'histogram') {
      for (let handler = 0; handler < 8 && written < series; handler++) {
        const labels = `handler="/api/v1/endpoint/${handler}",method="GET",code="200"`;
        let count = 0;
        for (const le of buckets) {
          count += handler * 3 + 1;
          parts.push(`${name}_bucket{${labels},le="${le}"} ${count}\n`);
        }
        parts.push(`${name}_sum{${labels}} ${(count * 0.0421).toFixed(6)}\n`);
        parts.push(`${name}_count{${labels}} ${count}\n`);
        written += buckets.length + 2;
      }
      continue;
    }
    for (let index = 0; index < 100 && written < series; index++) {
      const value =
        kind === 'counter' ? (index * 1234.5678 + family).toFixed(index % 3) : String(index * 4096 + family);
      parts.push(
        `${name}{instance="host-${index % 20}.example.org:9100",job="node",cpu="${index % 16}",mode="${modes[index % modes.length] ?? 'idle'}"} ${value}\n`,
      );
      written++;
    }
  }
  return Buffer.from(parts.join(''), 'utf8');
}
