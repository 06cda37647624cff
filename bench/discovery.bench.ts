// Discovery speed in the lab, against peers run in the same process and the same run:
// Promstead's liveness sweep of the /24 vs `nmap -sn -n` and `fping -g`, and a full
// discovery (liveness + SNMP + service probes) vs nmap's sweep. Prints times and ratios;
// asserts nothing. Runs inside the lab's workstation namespace (`npm run bench`).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Engine } from '../electron/services/engine';
import { sweep } from '../electron/services/net';
import { labSubnet } from '../test/lab/lab-facts';
import { runningInLabWorkstation } from '../test/integration/fixtures/in-lab';

const execFileAsync = promisify(execFile);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const subnetBase = labSubnet.replace(/\.0\/24$/, '');
const addresses = Array.from({ length: 254 }, (_, index) => `${subnetBase}.${index + 1}`);
const speed = { timeoutMs: 500, retries: 0, packetsPerSecond: 1000 };

async function time(what: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await what();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function measure(name: string, what: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  // Interleaving would be fairer still; runs of one contender back to back keep ARP caches comparable.
  for (let run = 0; run < runs; run++) times.push(await time(what));
  const result = median(times);
  console.log(
    `${name.padEnd(44)} median ${(result / 1000).toFixed(2)} s  (runs: ${times.map((t) => (t / 1000).toFixed(2)).join(', ')})`,
  );
  return result;
}

async function main(): Promise<void> {
  if (!runningInLabWorkstation())
    throw new Error('Run the benchmark inside the lab: npm run bench (as root).');
  const home = await mkdtemp(join(tmpdir(), 'promstead-bench-'));
  const engine = await Engine.open({ dataDir: home, transport: 'cli', version: 'bench' });
  try {
    console.log(`Discovery benchmark: ${labSubnet} in the lab, ${runs} runs each, median wall time\n`);
    const nmap = await measure('nmap -sn -n', () => execFileAsync('nmap', ['-sn', '-n', labSubnet]));
    const fping = await measure('fping -g -r 0 -t 500 -i 1', () =>
      execFileAsync('fping', ['-a', '-q', '-g', labSubnet, '-r', '0', '-t', '500', '-i', '1']).catch(
        () => undefined,
      ),
    );
    const promsteadSweep = await measure('Promstead liveness sweep', () =>
      sweep(addresses, { ...speed, signal: new AbortController().signal, onAlive: () => undefined }),
    );
    const fullDiscovery = await measure('Promstead full discovery (sweep+SNMP+ports)', async () => {
      const started = await engine.invoke('discovery.scan', { targets: [labSubnet], ...speed }, 'bench');
      if (!started.ok) throw new Error(started.error.message);
      const terminal = await engine.waitForJob((started.data as { jobId: string }).jobId);
      if (terminal.type !== 'done') throw new Error(`scan ended ${terminal.type}`);
    });
    console.log('\nRatios (lower is faster for Promstead):');
    console.log(`  sweep / nmap -sn          ${(promsteadSweep / nmap).toFixed(2)}  (target ≤ 1.00)`);
    console.log(`  sweep / fping -g          ${(promsteadSweep / fping).toFixed(2)}`);
    console.log(`  full discovery / nmap -sn ${(fullDiscovery / nmap).toFixed(2)}  (target < 2.00)`);
  } finally {
    await engine.close();
    await rm(home, { recursive: true, force: true });
  }
}

await main();
