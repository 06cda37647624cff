// Test helper, run as its own process (as an unprivileged user): sweeps the addresses
// given as JSON in argv[2] with method auto and prints the outcome as JSON.
import { sweep, type SweepOptions } from './liveness';

interface ChildInput {
  addresses: string[];
  timeoutMs: number;
  retries: number;
  packetsPerSecond: number;
  method?: SweepOptions['method'];
}

const input = JSON.parse(process.argv[2] ?? '{}') as ChildInput;
const started = performance.now();
const streamed: Array<{ address: string; latencyMs: number | undefined; via: string }> = [];
const result = await sweep(input.addresses, {
  ...input,
  signal: new AbortController().signal,
  onAlive: (address, latencyMs, via) => streamed.push({ address, latencyMs, via }),
});
process.stdout.write(
  JSON.stringify({
    uid: process.geteuid?.(),
    method: result.method,
    alive: Object.fromEntries(result.alive),
    notes: result.notes,
    streamed,
    durationMs: performance.now() - started,
  }),
);
