// The exposition parser's fuzzer (`npm run fuzz`): FUZZ_INPUTS (default 1,000,000) mutated
// inputs built from real exporter output, split over one worker per core. Every input
// must end in a result or a clean refusal (PARSE_ERROR, TOO_LARGE), streamed parsing must
// agree with whole parsing, and no input may stall: a worker silent for a minute is a
// hang. Findings are written under .tmp/fuzz-findings/ with the command that replays
// them; the exit code is 1 when there is any.
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { collectSeeds, type Seed } from './seed-corpus';
import type { Finding, WorkerInput, WorkerMessage } from './fuzz-worker';

const total = Number(process.env.FUZZ_INPUTS ?? 1_000_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
/** Replays from this input index (with FUZZ_STRIDE=1 and FUZZ_INPUTS=n: exactly those inputs). */
const firstIndex = Number(process.env.FUZZ_FIRST ?? 0);
const workers = Math.max(1, Number(process.env.FUZZ_WORKERS ?? availableParallelism()));
const silenceLimitMs = 60_000;
const findingsDir = join(process.cwd(), '.tmp', 'fuzz-findings');

interface WorkerTotals {
  done: number;
  accepted: number;
  refused: number;
  bytes: number;
  slowestMs: number;
}

function runWorker(input: WorkerInput, onFinding: (finding: Finding) => void): Promise<WorkerTotals> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./fuzz-worker-entry.mjs', import.meta.url), { workerData: input });
    let lastIndex = input.first;
    let watchdog = setTimeout(hang, silenceLimitMs);
    function hang(): void {
      void worker.terminate();
      reject(
        new Error(
          `a worker was silent for ${silenceLimitMs / 1000} s after input ${lastIndex}: a hang. Replay with ` +
            `FUZZ_SEED=${seed} FUZZ_FIRST=${lastIndex} FUZZ_STRIDE=${input.stride} FUZZ_INPUTS=2000 FUZZ_WORKERS=1`,
        ),
      );
    }
    worker.on('message', (message: WorkerMessage) => {
      clearTimeout(watchdog);
      watchdog = setTimeout(hang, silenceLimitMs);
      if (message.type === 'heartbeat') lastIndex = message.index;
      else if (message.type === 'finding') onFinding(message.finding);
      else {
        clearTimeout(watchdog);
        resolve(message);
      }
    });
    worker.on('error', (error) => {
      clearTimeout(watchdog);
      reject(error);
    });
  });
}

async function main(): Promise<void> {
  const seeds: Seed[] = await collectSeeds();
  const stride = Number(process.env.FUZZ_STRIDE ?? workers);
  console.log(
    `Fuzzing the exposition parser: ${total.toLocaleString('en')} inputs, seed ${seed}, ${workers} workers, ` +
      `${seeds.length} seeds (${seeds.map((entry) => `${entry.name} ${entry.bytes.length} B`).join(', ')})`,
  );
  await mkdir(findingsDir, { recursive: true });
  const findings: Finding[] = [];
  const started = performance.now();
  const perWorker = Math.ceil(total / workers);
  const totals = await Promise.all(
    Array.from({ length: workers }, (_, worker) =>
      runWorker(
        {
          seeds,
          seed,
          first: firstIndex + worker,
          count: Math.min(perWorker, total - worker * perWorker),
          stride,
        },
        (finding) => {
          findings.push(finding);
          const file = join(findingsDir, `${seed}-${finding.index}-${finding.kind}.txt`);
          void writeFile(
            file,
            `${finding.kind} (${finding.format}): ${finding.detail}\nreplay: FUZZ_SEED=${seed} FUZZ_FIRST=${finding.index} FUZZ_STRIDE=1 FUZZ_INPUTS=1 FUZZ_WORKERS=1 npm run fuzz\ninput (base64): ${finding.input}\n`,
          );
        },
      ),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const sum = (key: keyof WorkerTotals): number => totals.reduce((all, entry) => all + entry[key], 0);
  const slowest = Math.max(...totals.map((entry) => entry.slowestMs));
  console.log(
    `${sum('done').toLocaleString('en')} inputs (${(sum('bytes') / 1e6).toFixed(0)} MB) in ${seconds.toFixed(0)} s: ` +
      `${sum('accepted').toLocaleString('en')} parsed, ${sum('refused').toLocaleString('en')} refused with a named error, ` +
      `slowest input ${slowest.toFixed(1)} ms; findings: ${findings.length}`,
  );
  for (const finding of findings.slice(0, 20))
    console.log(`  ${finding.kind} at input ${finding.index}: ${finding.detail.split('\n')[0]}`);
  if (findings.length > 0) {
    console.log(`Details and replay commands: ${findingsDir}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
