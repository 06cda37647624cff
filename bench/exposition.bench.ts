// Exposition parsing speed and memory: Promstead's parser against the npm peers
// (parse-prometheus-text-format, prom2javascript) on the same bytes in the same process:
// real node_exporter output captured on 127.0.0.1 and a generated 200,000-series
// exposition. Prints MB per CPU second (median of several runs), heap growth for a retained result,
// and ratios to the best peer; asserts nothing. Run with --expose-gc (`npm run bench`).
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { getMetricsFromIterator } from 'prom2javascript';
import { parseExposition } from '../electron/services/exposition';
import { nodeExporterBody, syntheticBody } from './exposition-inputs';

const runs = Math.min(Math.max(Number(process.env.BENCH_RUNS ?? 7) || 7, 3), 50);
const syntheticSeries = 200_000;
/** Small inputs are parsed in a loop until a run lasts this long, so timer resolution does not matter. */
const minimumRunMs = 200;

interface Contender {
  name: string;
  parse: (body: Buffer) => Promise<unknown>;
}

const contenders: Contender[] = [
  {
    name: 'promstead',
    parse: (body) => Promise.resolve(parseExposition(body, { format: 'prometheus-text' })),
  },
  {
    name: 'parse-prometheus-text-format',
    parse: (body) => Promise.resolve(parsePrometheusTextFormat(body.toString('utf8'))),
  },
  {
    name: 'prom2javascript',
    parse: (body) => getMetricsFromIterator(body.toString('utf8').split('\n')[Symbol.iterator]()),
  },
];

interface Figures {
  megabytesPerSecond: number;
  heapGrowth: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * CPU time of the process (all its threads, the collector's included) since `started`:
 * the machine is shared, and wall time would measure the neighbours as well.
 */
function cpuMilliseconds(started: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  gc();
  gc();
}

/** Median MB per CPU second; each run parses for at least `minimumRunMs` so small inputs are timed fairly. */
async function speed(contender: Contender, body: Buffer): Promise<number> {
  // A full collection first, then the warm-up: the JIT compiles the hot paths and the young
  // generation grows back to its working size (a forced collection shrinks it) before any
  // timed run. Bounded in count and time.
  collectGarbage();
  const warmStart = performance.now();
  for (let warm = 0; warm < 1000 && (warm < 3 || performance.now() - warmStart < minimumRunMs); warm++)
    await contender.parse(body);
  const speeds: number[] = [];
  for (let run = 0; run < runs; run++) {
    let parsed = 0;
    const started = process.cpuUsage();
    let elapsed = 0;
    for (let round = 0; round < 10_000 && elapsed < minimumRunMs; round++) {
      await contender.parse(body);
      parsed += body.length;
      elapsed = cpuMilliseconds(started);
    }
    speeds.push(parsed / 1e6 / (elapsed / 1000));
  }
  return median(speeds);
}

/**
 * Heap growth per input byte with the results kept: several copies for a small input so
 * the figure is above the noise. Its own frame: an async function keeps its last awaited
 * value alive, which would count an earlier result as "before".
 */
async function heapGrowth(contender: Contender, body: Buffer): Promise<number> {
  const copies = Math.max(1, Math.min(50, Math.ceil(20e6 / body.length)));
  const kept: unknown[] = [];
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  for (let copy = 0; copy < copies; copy++) kept.push(await contender.parse(body));
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  if (kept.length !== copies) throw new Error(`${contender.name} lost a result`);
  return (after - before) / (body.length * copies);
}

async function measure(contender: Contender, body: Buffer): Promise<Figures> {
  const megabytesPerSecond = await speed(contender, body);
  return { megabytesPerSecond, heapGrowth: await heapGrowth(contender, body) };
}

async function benchInput(label: string, body: Buffer): Promise<void> {
  const ours = parseExposition(body, { format: 'prometheus-text' });
  console.log(
    `\n${label}: ${(body.length / 1e6).toFixed(2)} MB, ${ours.seriesCount} series, ${ours.families.length} families`,
  );
  const results = new Map<string, Figures>();
  for (const contender of contenders) {
    try {
      const figures = await measure(contender, body);
      results.set(contender.name, figures);
      console.log(
        `  ${contender.name.padEnd(30)} ${figures.megabytesPerSecond.toFixed(1).padStart(7)} MB/s   heap growth ${figures.heapGrowth.toFixed(2)}× input`,
      );
    } catch (error) {
      console.log(
        `  ${contender.name.padEnd(30)} threw: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  const promstead = results.get('promstead');
  const peers = [...results.entries()].filter(([name]) => name !== 'promstead');
  const best = peers.sort((a, b) => b[1].megabytesPerSecond - a[1].megabytesPerSecond)[0];
  if (promstead && best)
    console.log(
      `  ratio to the best peer (${best[0]}): ${(promstead.megabytesPerSecond / best[1].megabytesPerSecond).toFixed(1)}× faster`,
    );
}

const nodeExporter = await nodeExporterBody();
await benchInput('node_exporter (Debian, default collectors, 127.0.0.1)', nodeExporter);
await benchInput(`synthetic ${syntheticSeries} series`, syntheticBody(syntheticSeries));
console.log(`\nmedian of ${runs} runs; each run parses for at least ${minimumRunMs} ms`);
