// deploy.apply for the systemd method: re-plans, stages each binary and file in the login
// user's home over SFTP, puts it in place with `install` as root (or through sudo), enables
// and starts the unit, checks its status, verifies by scraping and records the deployment.
// A failure or a cancel undoes the completed steps newest first, so the host is as before.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  type ApplyPhase,
  type ApplyResult,
  type DeploymentRecord,
  type ExporterId,
  isPromsteadError,
  PromsteadError,
} from '@shared/contract';
import type { PhasedJob } from '../../jobs/job-runner';
import { sshOf, type DeployTarget } from '../../hosts';
import { DeployJournal, describeRollback } from '../deploy-journal';
import { emptyCreated, type CreatedItems, type DeploymentStore } from '../deployment-store';
import { verifyDeployed, type VerifyOptions } from '../scrape-verify';
import type { SystemdBinaryCache } from '../../binaries';
import {
  backupArgv,
  backupPath,
  installDirectoryArgv,
  installFileArgv,
  journalArgv,
  parseShow,
  removeDirectoryArgv,
  removeFileArgv,
  restoreArgv,
  systemctlArgv,
  unitStatusArgv,
  useraddArgv,
  userdelArgv,
  type FileOwner,
} from './systemd-commands';
import type { SystemdDeployRequest } from './systemd-desired';
import { planWithShell, type SystemdStep } from './systemd-plan';
import { PrivilegedShell, sudoModeOf } from './systemd-state';

export interface SystemdApplyOptions {
  cache: SystemdBinaryCache;
  store: DeploymentStore;
  verify?: Omit<VerifyOptions, 'signal'>;
  /** How long a started unit must stay active before it counts as running. Default 3 × 400 ms. */
  statusChecks?: { count: number; intervalMs: number };
  now?: () => number;
}

const root: FileOwner = { user: 'root', group: 'root' };

interface StepContext {
  shell: PrivilegedShell;
  /** The login user's home, where uploads are staged (readable by root, writable by the user). */
  home: string;
  journal: DeployJournal;
  created: Map<ExporterId, CreatedItems>;
  /** Backups to delete once everything is verified. */
  backups: string[];
  statusChecks: { count: number; intervalMs: number };
}

function createdFor(context: StepContext, exporter: ExporterId): CreatedItems {
  let created = context.created.get(exporter);
  if (!created) context.created.set(exporter, (created = emptyCreated()));
  return created;
}

function failureMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Uploads the bytes to a fresh name in the login user's home, installs them, removes the upload. */
async function putFile(
  context: StepContext,
  path: string,
  content: Buffer,
  mode: number,
  owner: FileOwner,
): Promise<void> {
  const staged = `${context.home}/.promstead-upload-${randomUUID()}`;
  try {
    await context.shell.ssh.writeFile(staged, content, { mode: 0o600 });
    await context.shell.run(installFileArgv(staged, path, mode, owner));
  } finally {
    await context.shell.ssh.remove(staged).catch(() => undefined);
  }
}

/** Keeps the previous file beside it and journals how to put it (or nothing) back. */
async function journalReplace(
  context: StepContext,
  exporter: ExporterId,
  path: string,
  previous: boolean,
): Promise<void> {
  const { shell, journal } = context;
  if (previous) {
    await shell.run(backupArgv(path));
    context.backups.push(backupPath(path));
    journal.record(`replaced ${path}`, {
      restores: `restored the previous ${path}`,
      run: async () => void (await shell.run(restoreArgv(path))),
    });
  } else {
    journal.record(`wrote ${path}`, {
      restores: `removed ${path}`,
      run: async () => void (await shell.run(removeFileArgv(path))),
    });
    createdFor(context, exporter).files.push(path);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The unit must stay active for a moment: a crash loop (port taken, bad flag) shows up here. */
async function checkRunning(context: StepContext, unitName: string): Promise<void> {
  for (let check = 0; check < context.statusChecks.count; check++) {
    await sleep(context.statusChecks.intervalMs);
    const status = parseShow((await context.shell.run(unitStatusArgv(unitName))).stdout);
    const active = status.ActiveState ?? '';
    const sub = status.SubState ?? '';
    if (active !== 'active' || sub !== 'running') {
      const logs = await context.shell.exec(journalArgv(unitName)).catch(() => undefined);
      throw new PromsteadError(
        'CONFLICT',
        `${unitName} did not keep running (${active}/${sub}). Its last log lines: ${(logs?.stdout ?? '').trim().slice(-800)}`,
      );
    }
  }
}

async function runStep(step: SystemdStep, context: StepContext): Promise<void> {
  const { shell, journal } = context;
  switch (step.kind) {
    case 'install-binary': {
      const content = await readFile(step.binary.path);
      await journalReplace(context, step.exporter, step.path, step.previous);
      await putFile(context, step.path, content, 0o755, root);
      return;
    }
    case 'create-user': {
      journal.record(`created the user ${step.user}`, {
        restores: `removed the user ${step.user}`,
        run: async () => {
          const result = await shell.exec(userdelArgv(step.user));
          // 6: no such user (the useradd never happened).
          if (result.code !== 0 && result.code !== 6)
            throw new PromsteadError('TRANSPORT', `userdel: ${result.stderr.trim()}`);
        },
      });
      await shell.run(useraddArgv(step.user));
      createdFor(context, step.exporter).users.push(step.user);
      return;
    }
    case 'create-directory': {
      const { previous } = step;
      if (previous) {
        journal.record(`changed ${step.path}`, {
          restores: `restored the mode and owner of ${step.path}`,
          run: async () =>
            void (await shell.run(installDirectoryArgv(step.path, previous.mode, previous.owner))),
        });
      } else {
        journal.record(`created ${step.path}`, {
          restores: `removed the folder ${step.path}`,
          run: async () => {
            const result = await shell.exec(removeDirectoryArgv(step.path));
            if (result.code !== 0 && !/No such file/.test(result.stderr))
              throw new PromsteadError('TRANSPORT', `rmdir: ${result.stderr.trim()}`);
          },
        });
      }
      await shell.run(installDirectoryArgv(step.path, step.mode, step.owner));
      if (!previous) createdFor(context, step.exporter).directories.push(step.path);
      return;
    }
    case 'write-file': {
      await journalReplace(context, step.exporter, step.path, step.previous);
      await putFile(context, step.path, step.content, step.mode, step.owner);
      return;
    }
    case 'install-unit': {
      const { unitName, wasEnabled, wasActive } = step;
      journal.record(`started ${unitName}`, {
        restores: wasEnabled ? `stopped ${unitName}` : `disabled and stopped ${unitName}`,
        run: async () => {
          if (!wasEnabled) await shell.exec(systemctlArgv('disable', unitName, true));
          else if (!wasActive) await shell.exec(systemctlArgv('stop', unitName));
        },
      });
      await shell.run(systemctlArgv('daemon-reload'));
      if (!wasEnabled) await shell.run(systemctlArgv('enable', unitName, true));
      if (step.restart || (wasEnabled && !wasActive)) await shell.run(systemctlArgv('restart', unitName));
      if (!wasEnabled) createdFor(context, step.exporter).units.push(unitName);
      await checkRunning(context, unitName);
      return;
    }
  }
}

export async function applySystemdDeploy(
  target: DeployTarget,
  requests: readonly SystemdDeployRequest[],
  job: PhasedJob<ApplyPhase>,
  options: SystemdApplyOptions,
): Promise<ApplyResult> {
  const now = options.now ?? Date.now;
  const shell = new PrivilegedShell(sshOf(target, 'the systemd method'), sudoModeOf(target), job.signal);
  const journal = new DeployJournal();
  job.progress('plan', 0, 1, `Reading ${target.host.name}`);
  const { plan, steps, desired } = await planWithShell(target, shell, requests, options.cache);
  job.progress('plan', 1, 1, plan.actions.length === 0 ? 'No changes' : `${plan.actions.length} actions`);
  const home = (await sshOf(target, 'the systemd method').run(['pwd'], { signal: job.signal })).stdout.trim();
  const context: StepContext = {
    shell,
    home,
    journal,
    created: new Map(),
    backups: [],
    statusChecks: options.statusChecks ?? { count: 3, intervalMs: 400 },
  };
  try {
    // Runs last on rollback: systemd reads the restored units, and a unit that was running before runs again.
    const restartAfterRestore = steps.flatMap((step) =>
      step.kind === 'install-unit' && step.wasActive ? [step.unitName] : [],
    );
    if (steps.length > 0) {
      journal.record('began', {
        restores: 'reloaded systemd',
        run: async () => {
          await shell.run(systemctlArgv('daemon-reload'));
          for (const unit of restartAfterRestore) await shell.run(systemctlArgv('restart', unit));
        },
      });
    }
    for (const [index, step] of steps.entries()) {
      job.throwIfCancelled();
      const action = plan.actions[index];
      job.progress('apply', index, steps.length, action?.summary);
      await runStep(step, context);
      job.log('info', action?.summary ?? step.kind);
    }
    job.progress('apply', steps.length, steps.length, 'Applied');
    job.throwIfCancelled();

    const verifications = await verifyDeployed(target.ssh, target.host.address, desired, job, options.verify);
    for (const entry of desired) {
      const record: DeploymentRecord = {
        hostId: target.host.id,
        exporter: entry.exporter,
        method: 'systemd',
        params: entry.paramsInput,
        version: entry.version,
        created: createdFor(context, entry.exporter),
        scrapeAddress: `${target.host.address}:${entry.port}`,
        deployedAt: now(),
      };
      await options.store.record(record);
    }
    journal.clear();
    for (const backup of context.backups) {
      await shell
        .run(removeFileArgv(backup))
        .catch((error: unknown) => job.log('warn', `${backup} was left: ${failureMessage(error)}`));
    }
    return { plan, applied: steps.length, verifications };
  } catch (error) {
    const cancelled = job.signal.aborted || (isPromsteadError(error) && error.code === 'CANCELLED');
    job.log('error', `${cancelled ? 'Cancelled' : 'Failed'}: ${failureMessage(error)}; rolling back`);
    job.progress('rollback', 0, 1, 'Undoing what was done');
    // The job's signal is aborted on a cancel: undo with a shell that does not carry it.
    shell.detach();
    const rollback = await journal.rollback();
    const summary = describeRollback(rollback);
    job.log(rollback.failed.length > 0 ? 'error' : 'info', summary);
    const code = cancelled ? 'CANCELLED' : isPromsteadError(error) ? error.code : 'INTERNAL';
    throw new PromsteadError(
      code,
      `${cancelled ? 'The deploy was cancelled.' : failureMessage(error)} ${summary}`,
      {
        restored: rollback.restored,
        notRestored: rollback.failed,
        ...(isPromsteadError(error) && error.details !== undefined ? { cause: error.details } : {}),
      },
    );
  }
}
