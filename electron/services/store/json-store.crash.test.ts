// Kills a real writer process at random moments and checks that what it leaves
// behind always loads cleanly: the point of writing atomically.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { crashStore, CrashStateSchema } from './crash-writer.fixture';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const writerScript = path.join(import.meta.dirname, 'crash-writer.fixture.ts');

function startWriter(file: string): ChildProcess {
  // cwd is the repo root so `--import tsx` resolves from its node_modules.
  return spawn(process.execPath, ['--import', 'tsx', writerScript, file], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function waitForReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`writer exited early (${code}): ${stderr}`)));
  });
}

function killAndWait(child: ChildProcess): Promise<NodeJS.Signals | null> {
  return new Promise((resolve) => {
    child.once('exit', (_code, signal) => resolve(signal));
    if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
  });
}

describe('JsonStore under SIGKILL', () => {
  let dir: string | undefined;
  let child: ChildProcess | undefined;

  afterEach(async () => {
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      await killAndWait(child);
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('always leaves a main file that parses, validates and loads without notices', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'promstead-crash-'));
    const file = path.join(dir, 'state.json');
    let lastCounter = 0;

    for (let round = 0; round < 8; round++) {
      child = startWriter(file);
      await waitForReady(child);
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 180));
      expect(await killAndWait(child)).toBe('SIGKILL');

      const text = await readFile(file, 'utf8');
      const envelope = JSON.parse(text) as { version: unknown; data: unknown };
      expect(envelope.version).toBe(1);
      expect(CrashStateSchema.safeParse(envelope.data).success).toBe(true);

      // The last good copy must be just as whole, or it could not stand in for the main file.
      const backup = await readFile(`${file}.bak`, 'utf8').catch(() => undefined);
      if (backup !== undefined) {
        expect(CrashStateSchema.safeParse((JSON.parse(backup) as { data: unknown }).data).success).toBe(true);
      }

      const { value, notices } = await crashStore(file).load();
      expect(notices).toEqual([]);
      // Each writer continues from what the last one left, so progress never goes backwards.
      expect(value.counter).toBeGreaterThan(lastCounter);
      lastCounter = value.counter;

      // load() clears the temp files the killed writer left behind.
      expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    }
    // Bounded, but generous: each round starts a writer under tsx, which takes seconds on a
    // loaded 2-core machine (30 s was exceeded there with the rest of the suite running).
  }, 120_000);
});
