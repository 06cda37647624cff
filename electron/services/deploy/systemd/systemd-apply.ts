// deploy.apply for the systemd method: re-plans, stages each binary and file in the login
// user's home over SFTP, puts it in place with `install` as root (or through sudo), enables
// and starts the unit, checks its status, verifies by scraping and records the deployment.
// The steps run in journaled-apply.ts's runner: a failure or a cancel undoes the completed
// steps newest first, so the host is as before.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  type ApplyPhase,
  type ApplyResult,
  errorText,
  type ExporterId,
  PromsteadError,
} from '@shared/contract';
import type { PhasedJob } from '../../jobs';
import { sshOf, type DeployTarget } from '../../hosts';
import { DeployJournal } from '../deploy-journal';
import { emptyCreated, type CreatedItems, type DeploymentStore } from '../deployment-store';
import { recordDeployments, reportPlanned, runJournaledApply } from '../journaled-apply';
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

/**
 * Recorded first, so it runs last on rollback: systemd reads the restored units, and a unit
 * that was running before runs again.
 */
function journalDaemonReload(context: StepContext, steps: readonly SystemdStep[]): void {
  if (steps.length === 0) return;
  const restartAfterRestore = steps.flatMap((step) =>
    step.kind === 'install-unit' && step.wasActive ? [step.unitName] : [],
  );
  const { shell } = context;
  context.journal.record('began', {
    restores: 'reloaded systemd',
    run: async () => {
      await shell.run(systemctlArgv('daemon-reload'));
      for (const unit of restartAfterRestore) await shell.run(systemctlArgv('restart', unit));
    },
  });
}

/** Once the deploy stands, the previous files kept for a rollback go. */
async function removeBackups(context: StepContext, job: PhasedJob<ApplyPhase>): Promise<void> {
  for (const backup of context.backups) {
    await context.shell
      .run(removeFileArgv(backup))
      .catch((error: unknown) => job.log('warn', `${backup} was left: ${errorText(error)}`));
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
  job.progress('plan', 0, 1, `Reading ${target.host.name}`);
  // Planned before the guard: a plan that fails has changed nothing and its error says why.
  const planned = await planWithShell(target, shell, requests, options.cache);
  reportPlanned(job, planned.plan);
  const home = (await sshOf(target, 'the systemd method').run(['pwd'], { signal: job.signal })).stdout.trim();
  const context: StepContext = {
    shell,
    home,
    journal: new DeployJournal(),
    created: new Map(),
    backups: [],
    statusChecks: options.statusChecks ?? { count: 3, intervalMs: 400 },
  };
  return runJournaledApply({
    job,
    journal: context.journal,
    prepare: async () => {
      journalDaemonReload(context, planned.steps);
      return planned;
    },
    runStep: (step) => runStep(step, context),
    verify: ({ desired }) => verifyDeployed(target.ssh, target.host.address, desired, job, options.verify),
    record: ({ desired }) =>
      recordDeployments({
        store: options.store,
        host: target.host,
        method: 'systemd',
        deployed: desired,
        createdFor: (exporter) => createdFor(context, exporter),
        now,
      }),
    tidy: () => removeBackups(context, job),
    // The job's signal is aborted on a cancel: undo with a shell that does not carry it.
    beforeRollback: () => shell.detach(),
  });
}
