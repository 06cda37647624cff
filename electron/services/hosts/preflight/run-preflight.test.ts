// The preflight's orchestration against a fake host: one progress step per check, a
// host that answers nothing useful still gives a valid report, and cancel stops it.
import { describe, expect, it } from 'vitest';
import { PreflightReportSchema, PromsteadError } from '@shared/contract';
import { sshError, type ExecOptions, type ExecResult, type SshHost } from '../../ssh';
import { runPreflight, type PreflightJob } from './run-preflight';

/** A host where every command prints `output` and every file holds `file` (or is missing). */
function fakeHost(answer: { output: string; file?: string }, commands: string[][] = []): SshHost {
  const fake = {
    target: { host: '192.0.2.1', username: 'someone' },
    connection: async (): Promise<void> => undefined,
    exec: async (argv: readonly string[], _options?: ExecOptions): Promise<ExecResult> => {
      commands.push([...argv]);
      return { code: 0, signal: null, stdout: answer.output, stderr: '' };
    },
    readFile: async (path: string): Promise<Buffer> => {
      if (answer.file === undefined) throw new PromsteadError('NOT_FOUND', `read ${path}: no such file.`);
      return Buffer.from(answer.file);
    },
    stat: async (): Promise<undefined> => undefined,
    docker: () => ({
      version: async (): Promise<never> => {
        throw sshError('DOCKER_UNREACHABLE', 'There is no Docker socket.');
      },
      info: async (): Promise<never> => {
        throw sshError('DOCKER_UNREACHABLE', 'There is no Docker socket.');
      },
    }),
  };
  return fake as unknown as SshHost;
}

function job(cancelAfterSteps = Infinity): PreflightJob & { steps: number[] } {
  const controller = new AbortController();
  const steps: number[] = [];
  return {
    signal: controller.signal,
    steps,
    progress: (_phase, current) => {
      steps.push(current);
      if (steps.length >= cancelAfterSteps) controller.abort();
    },
    log: () => undefined,
    throwIfCancelled: () => {
      if (controller.signal.aborted) throw new PromsteadError('CANCELLED', 'cancelled');
    },
  };
}

describe('runPreflight', () => {
  it('gives a valid report from a host that answers garbage, one step per check', async () => {
    const commands: string[][] = [];
    const work = job();
    const report = await runPreflight(
      fakeHost({ output: '\u0000garbage\n', file: '\u001b[2J{{{' }, commands),
      {
        privilege: { kind: 'none' },
        ports: [9100],
        job: work,
        now: () => 1,
      },
    );
    expect(PreflightReportSchema.parse(report)).toEqual(report);
    expect(report.checks.map((check) => check.id)).toEqual([
      'privilege',
      'os',
      'nas',
      'arch',
      'init',
      'docker',
      'cgroup',
      'rootPropagation',
      'disk',
      'ports',
      'firewall',
    ]);
    expect(work.steps).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(report.facts.arch.arch).toBe('unknown');
    expect(report.installMethod.method).toBe('manual');
    // No argument comes from the caller: every command is one of the preflight's own.
    expect(commands.flat().join(' ')).not.toContain('9100');
  });

  it('refuses ports that are not ports', async () => {
    for (const ports of [[0], [65_536], [1.5], Array.from({ length: 65 }, (_, index) => index + 1)]) {
      await expect(
        runPreflight(fakeHost({ output: '' }), { privilege: { kind: 'none' }, ports, job: job() }),
      ).rejects.toMatchObject({ code: 'VALIDATION' });
    }
  });

  it('stops between checks when cancelled', async () => {
    const work = job(3);
    await expect(
      runPreflight(fakeHost({ output: '' }), { privilege: { kind: 'none' }, ports: [], job: work }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(work.steps.length).toBeLessThanOrEqual(3);
  });
});
