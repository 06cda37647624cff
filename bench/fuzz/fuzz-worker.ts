// One fuzzing worker: parses its share of the mutated inputs, whole and (every few)
// streamed in random chunks, and reports what is not a clean refusal or a success: a
// crash (any other error), a difference between the two ways, or an input that took far
// longer than its size explains. Input i is rebuilt from (seed, i) alone, to reproduce it.
import { parentPort, workerData } from 'node:worker_threads';
import { isPromsteadError } from '@shared/contract';
import { ExpositionStreamParser, parseExposition, toWireFamily } from '../../electron/services/exposition';
import type { ParseOptions } from '../../electron/services/exposition';
import { mutate, seededRandom, type Random } from './mutations';
import type { Seed } from './seed-corpus';

export interface WorkerInput {
  seeds: Seed[];
  seed: number;
  first: number;
  count: number;
  stride: number;
}

export interface Finding {
  index: number;
  kind: 'crash' | 'stream-differs' | 'slow';
  detail: string;
  format: string;
  /** The input, base64. */
  input: string;
}

export type WorkerMessage =
  | { type: 'heartbeat'; index: number; done: number }
  | { type: 'finding'; finding: Finding }
  | { type: 'done'; done: number; accepted: number; refused: number; bytes: number; slowestMs: number };

/** A refusal is fine; anything else thrown is a crash. Outcomes compare as text. */
function outcome(run: () => unknown): { ok: boolean; text: string; crash?: string } {
  try {
    return { ok: true, text: JSON.stringify(run()) };
  } catch (error) {
    if (isPromsteadError(error) && (error.code === 'PARSE_ERROR' || error.code === 'TOO_LARGE'))
      return { ok: false, text: `${error.code}: ${error.message}` };
    return {
      ok: false,
      text: '',
      crash: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
}

function whole(bytes: Uint8Array, options: ParseOptions): unknown {
  const parsed = parseExposition(bytes, options);
  return { families: parsed.families.map((family) => toWireFamily(family)), series: parsed.seriesCount };
}

function streamed(bytes: Uint8Array, options: ParseOptions, random: Random): unknown {
  const parser = new ExpositionStreamParser(options);
  let at = 0;
  while (at < bytes.length) {
    // Chunks of 1 to 64 bytes: boundaries inside lines, escapes and UTF-8 sequences.
    const size = 1 + Math.floor(random() * 64);
    parser.push(bytes.subarray(at, at + size));
    at += size;
  }
  const parsed = parser.end();
  return { families: parsed.families.map((family) => toWireFamily(family)), series: parsed.seriesCount };
}

function run(input: WorkerInput): void {
  const port = parentPort;
  if (!port) throw new Error('fuzz-worker runs as a worker thread');
  let accepted = 0;
  let refused = 0;
  let bytesTotal = 0;
  let slowestMs = 0;
  const report = (
    index: number,
    kind: Finding['kind'],
    detail: string,
    seed: Seed,
    bytes: Uint8Array,
  ): void =>
    port.postMessage({
      type: 'finding',
      finding: { index, kind, detail, format: seed.format, input: Buffer.from(bytes).toString('base64') },
    } satisfies WorkerMessage);
  for (let n = 0; n < input.count; n++) {
    const index = input.first + n * input.stride;
    const random = seededRandom((input.seed ^ Math.imul(index, 0x9e3779b1)) >>> 0);
    const seed = input.seeds[Math.floor(random() * input.seeds.length)] as Seed;
    const donor = input.seeds[Math.floor(random() * input.seeds.length)] as Seed;
    const bytes = mutate(seed.bytes, donor.bytes, random);
    bytesTotal += bytes.length;
    const options: ParseOptions = { format: random() < 0.5 ? seed.format : donor.format, maxSeries: 50_000 };
    const started = performance.now();
    const first = outcome(() => whole(bytes, options));
    const elapsed = performance.now() - started;
    slowestMs = Math.max(slowestMs, elapsed);
    // Linear parsing of at most a few hundred KB takes milliseconds; a second means a blow-up.
    if (elapsed > 1000 + bytes.length / 1000)
      report(index, 'slow', `${elapsed.toFixed(0)} ms for ${bytes.length} bytes`, seed, bytes);
    if (first.crash !== undefined) report(index, 'crash', first.crash, seed, bytes);
    else if (first.ok) accepted++;
    else refused++;
    if (n % 8 === 0 && first.crash === undefined) {
      const second = outcome(() => streamed(bytes, options, random));
      if (second.crash !== undefined) report(index, 'crash', `streamed: ${second.crash}`, seed, bytes);
      else if (second.text !== first.text)
        report(
          index,
          'stream-differs',
          `whole: ${first.text.slice(0, 300)}\nstreamed: ${second.text.slice(0, 300)}`,
          seed,
          bytes,
        );
    }
    if (n % 2000 === 0) port.postMessage({ type: 'heartbeat', index, done: n } satisfies WorkerMessage);
  }
  port.postMessage({
    type: 'done',
    done: input.count,
    accepted,
    refused,
    bytes: bytesTotal,
    slowestMs,
  } satisfies WorkerMessage);
}

run(workerData as WorkerInput);
