// Deploy speed in the lab: one node_exporter to the NAS end to end (plan, apply, verify)
// through Promstead's engine with the image already there, against the same container
// started by hand with the docker CLI over SSH, in the same process and run. Prints each
// phase, the totals and the ratio; asserts nothing. Runs inside the lab's workstation
// namespace (`npm run bench`).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { z } from 'zod';
import type { ApplyResult, DeployInput, DeployPlan, Host } from '@shared/contract';
import { Engine } from '../electron/services/engine';
import { labHosts, labImageRef, labImages, labRegistry, labSsh, labStateDir } from '../test/lab/lab-facts';
import { runningInLabWorkstation } from '../test/integration/fixtures/in-lab';
import { DockerOverSsh } from './docker-cli-over-ssh';

const execFileAsync = promisify(execFile);
const runs = Math.min(Math.max(Number(process.env.BENCH_RUNS ?? 5) || 5, 1), 50);
const targetMs = 2000;
// Its own port and names, so it cannot meet a test's container.
const port = 38491;
const containerName = 'pbench-node';
const peerContainerName = 'pbench-node-peer';
const nas = labHosts.nas.address;
const metricsUrl = `http://${nas}:${port}/metrics`;

function labImage(repository: string): (typeof labImages)[number] {
  const image = labImages.find((entry) => entry.repository === repository);
  if (!image) throw new Error(`the lab has no ${repository}`);
  return image;
}
const exporterImage = labImage('prom/node-exporter');
const helperImage = labImage('library/busybox');
/** The exporter and the helper Promstead runs to make host folders: both present, as after a first deploy. */
const presentImages = [labImageRef(exporterImage), labImageRef(helperImage)];

type Phases = Record<string, number>;

interface Contender {
  name: string;
  /** Phase names in the order they happen; their times add up to the total. */
  phases: string[];
  runs: Phases[];
}

/** The settings of Promstead's container that `docker run` can say; labels and name are its own. */
const InspectSchema = z.array(
  z.object({
    Config: z.object({ Image: z.string(), Cmd: z.array(z.string()).nullable() }),
    HostConfig: z.object({
      NetworkMode: z.string(),
      PidMode: z.string(),
      Binds: z.array(z.string()).nullable(),
      Memory: z.number(),
      RestartPolicy: z.object({ Name: z.string() }),
      LogConfig: z.object({ Type: z.string(), Config: z.record(z.string(), z.string()).nullable() }),
    }),
  }),
);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function total(phases: Phases): number {
  return Object.values(phases).reduce((sum, value) => sum + value, 0);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

async function invokeCall<T>(engine: Engine, name: string, input: unknown): Promise<T> {
  const result = await engine.invoke(name, input, 'bench');
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

/** Starts a job and waits for its end; `onPhase` hears each phase as it starts. */
async function invokeJob<T>(
  engine: Engine,
  name: string,
  input: unknown,
  onPhase: (phase: string) => void = () => undefined,
): Promise<T> {
  let jobId: string | undefined;
  let lastPhase = '';
  const unsubscribe = engine.onJobEvent((event) => {
    if (event.jobId !== jobId || event.type !== 'progress' || event.phase === lastPhase) return;
    lastPhase = event.phase;
    onPhase(event.phase);
  });
  try {
    jobId = (await invokeCall<{ jobId: string }>(engine, name, input)).jobId;
    const terminal = await engine.waitForJob(jobId);
    if (terminal.type === 'done') return terminal.result as T;
    if (terminal.type === 'failed')
      throw new Error(`${name}: ${terminal.error.code} ${terminal.error.message}`);
    throw new Error(`${name} was cancelled`);
  } finally {
    unsubscribe();
  }
}

async function addNas(engine: Engine): Promise<Host> {
  const { stdout } = await execFileAsync('ssh-keygen', ['-lf', `${labSsh.hostKeyPath}.pub`]);
  return invokeCall<Host>(engine, 'hosts.add', {
    name: 'nas',
    address: nas,
    username: labSsh.keyUser.name,
    auth: { kind: 'keyFile', keyPath: labSsh.keyUser.privateKeyPath },
    fingerprint: stdout.split(' ')[1] ?? '',
  });
}

/** One Promstead deploy: the plan call, then the apply job split at its phase changes. */
async function promsteadRun(engine: Engine, input: DeployInput, notes: string[]): Promise<Phases> {
  const started = performance.now();
  const plan = await invokeCall<DeployPlan>(engine, 'deploy.plan', input);
  const planned = performance.now();
  if (plan.actions.some((action) => action.kind === 'pull-image'))
    notes.push('a Promstead run pulled an image: it was removed while the bench ran');
  const marks = new Map<string, number>();
  const result = await invokeJob<ApplyResult>(engine, 'deploy.apply', input, (phase) =>
    marks.set(phase, performance.now()),
  );
  const done = performance.now();
  const failed = result.verifications.find((verification) => !verification.ok);
  if (failed || result.verifications.length === 0)
    throw new Error(`not verified: ${failed?.message ?? 'no verification'}`);
  const verifyStarted = marks.get('verify') ?? done;
  // The apply job reads the host again before it changes anything: part of apply here.
  return { plan: planned - started, apply: verifyStarted - planned, verify: done - verifyStarted };
}

/** The same container by hand: `docker run -d …` over SSH, then /metrics until it answers. */
async function peerRun(docker: DockerOverSsh, runArgs: readonly string[]): Promise<Phases> {
  const started = performance.now();
  await docker.run(runArgs);
  const ran = performance.now();
  const attempts = 250;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const body = await fetch(metricsUrl, { signal: AbortSignal.timeout(2000) })
      .then((response) => (response.ok ? response.text() : ''))
      .catch(() => '');
    if (/^node_/m.test(body)) return { run: ran - started, verify: performance.now() - ran };
    await sleep(20);
  }
  throw new Error(`${metricsUrl} did not answer after docker run`);
}

/** `docker run` arguments for the settings Promstead's container has (read from the NAS, not guessed). */
async function peerRunArgs(docker: DockerOverSsh): Promise<string[]> {
  const { stdout } = await docker.run(['container', 'inspect', containerName]);
  const [inspect] = InspectSchema.parse(JSON.parse(stdout));
  if (!inspect) throw new Error(`no container ${containerName} to copy`);
  const host = inspect.HostConfig;
  const logOptions = Object.entries(host.LogConfig.Config ?? {}).flatMap(([key, value]) => [
    '--log-opt',
    `${key}=${value}`,
  ]);
  return [
    'run',
    '--detach',
    '--name',
    peerContainerName,
    '--network',
    host.NetworkMode,
    '--pid',
    host.PidMode,
    '--restart',
    host.RestartPolicy.Name,
    ...(host.Memory > 0 ? ['--memory', `${host.Memory}b`] : []),
    '--log-driver',
    host.LogConfig.Type,
    ...logOptions,
    ...(host.Binds ?? []).flatMap((bind) => ['--volume', bind]),
    inspect.Config.Image,
    ...(inspect.Config.Cmd ?? []),
  ];
}

function report(contender: Contender): number {
  const totals = contender.runs.map(total);
  const phases = contender.phases
    .map((phase) => `${phase} ${seconds(median(contender.runs.map((run) => run[phase] ?? 0)))}`)
    .join(', ');
  console.log(
    `${contender.name.padEnd(40)} median ${seconds(median(totals))}  min ${seconds(Math.min(...totals))}  (${phases})`,
  );
  const breakdown = contender.runs.map(
    (run) =>
      `${(total(run) / 1000).toFixed(2)} (${contender.phases.map((phase) => ((run[phase] ?? 0) / 1000).toFixed(2)).join('+')})`,
  );
  console.log(`${''.padEnd(40)} runs, s: ${breakdown.join(', ')}`);
  return median(totals);
}

async function main(): Promise<void> {
  if (!runningInLabWorkstation())
    throw new Error('Run the benchmark inside the lab: npm run bench (as root).');
  const home = await mkdtemp(join(tmpdir(), 'promstead-bench-deploy-'));
  // What a user sets once for an offline homelab: the local registry, and the versions it carries.
  const settings = {
    registryMirror: labRegistry.host,
    exporterVersions: {
      node_exporter: exporterImage.tag.replace(/^v/, ''),
      busybox: helperImage.tag.replace(/^v/, ''),
    },
  };
  await writeFile(join(home, 'settings.json'), JSON.stringify({ version: 1, data: settings }));
  const docker = await DockerOverSsh.open({
    user: labSsh.keyUser.name,
    address: nas,
    privateKeyPath: labSsh.keyUser.privateKeyPath,
    hostPublicKeyPath: `${labSsh.hostKeyPath}.pub`,
  });
  const engine = await Engine.open({ dataDir: home, transport: 'cli', version: 'bench' }).catch(
    async (error: unknown) => {
      await docker.close();
      await rm(home, { recursive: true, force: true });
      throw error;
    },
  );
  let hostId: string | undefined;
  const pulledHere: string[] = [];
  const notes: string[] = [];
  try {
    await docker.removeContainers([containerName, peerContainerName]);
    const host = await addNas(engine);
    hostId = host.id;
    const input: DeployInput = {
      hostId: host.id,
      exporters: [
        {
          exporter: 'node_exporter',
          params: { port, containerName, textfileDirectory: `${labStateDir}/pbench/textfile` },
        },
      ],
    };
    const uninstall = (): Promise<unknown> => invokeJob(engine, 'deploy.uninstall', { hostId: host.id });
    // Pulled as a person would, not by Promstead: its uninstall keeps what it did not pull.
    const ensureImages = async (): Promise<void> => {
      for (const reference of presentImages) {
        if (await docker.hasImage(reference)) continue;
        await docker.run(['pull', '--quiet', reference], 300_000);
        if (!pulledHere.includes(reference)) pulledHere.push(reference);
        notes.push(`${reference} was not on the NAS: pulled with the docker CLI, untimed`);
      }
    };

    console.log(
      `Deploy benchmark: node_exporter to the NAS (${nas}, dockerd over SSH), image present, ` +
        `1 warm-up + ${runs} runs each, wall time\n`,
    );
    await ensureImages();
    await promsteadRun(engine, input, []);
    const runArgs = await peerRunArgs(docker);
    await uninstall();
    await peerRun(docker, runArgs);
    await docker.removeContainers([peerContainerName]);
    console.log(`peer: docker -H ssh://${labSsh.keyUser.name}@${nas} ${runArgs.join(' ')}\n`);

    const promstead: Contender = {
      name: 'Promstead plan + apply + verify',
      phases: ['plan', 'apply', 'verify'],
      runs: [],
    };
    const peer: Contender = {
      name: 'docker -H ssh:// run -d + GET /metrics',
      phases: ['run', 'verify'],
      runs: [],
    };
    // Interleaved, so drift on the shared machine falls on both alike.
    for (let run = 0; run < runs; run++) {
      await ensureImages();
      promstead.runs.push(await promsteadRun(engine, input, notes));
      await uninstall();
      peer.runs.push(await peerRun(docker, runArgs));
      await docker.removeContainers([peerContainerName]);
    }

    const promsteadMedian = report(promstead);
    const peerMedian = report(peer);
    const promsteadMin = Math.min(...promstead.runs.map(total));
    const peerMin = Math.min(...peer.runs.map(total));
    console.log('\nRatio (lower is faster for Promstead):');
    console.log(
      `  promstead / peer  ${(promsteadMedian / peerMedian).toFixed(2)} median, ${(promsteadMin / peerMin).toFixed(2)} min`,
    );
    console.log(
      `\nTarget: Promstead under ${seconds(targetMs)} — ${promsteadMedian < targetMs ? 'met' : 'NOT met'} (median ${seconds(promsteadMedian)})`,
    );
    for (const note of new Set(notes)) console.log(`note: ${note}`);
  } finally {
    // Promstead's own uninstall first (it also removes the folder it made), then by name.
    if (hostId) {
      await invokeJob(engine, 'deploy.uninstall', { hostId }).catch((error: unknown) => {
        console.error(`cleanup: ${String(error)}`);
      });
    }
    await docker.removeContainers([containerName, peerContainerName]).catch((error: unknown) => {
      console.error(`cleanup: ${String(error)}`);
    });
    await engine.close();
    // Images this bench pulled go again unless something else uses them by now.
    for (const reference of pulledHere) {
      await docker.run(['image', 'rm', reference]).catch((error: unknown) => {
        console.error(`cleanup: kept ${reference}: ${String(error)}`);
      });
    }
    await docker.close();
    await rm(home, { recursive: true, force: true });
  }
}

await main();
