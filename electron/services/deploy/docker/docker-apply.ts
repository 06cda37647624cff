// deploy.apply for the Docker method: re-plans, then runs each step with progress and a
// journal in journaled-apply.ts's runner, verifies by scraping and records the deployment.
// Any failure, a cancel or a failed verification undoes the completed steps newest first
// and says what was restored (a reloaded exporter is reloaded again once its previous files
// are back).
import type Docker from 'dockerode';
import { type ApplyPhase, type ApplyResult, errorText, type ExporterId } from '@shared/contract';
import type { PhasedJob } from '../../jobs';
import type { DeployTarget } from '../../hosts';
import { DeployJournal } from '../deploy-journal';
import { emptyCreated, type CreatedItems, type DeploymentStore } from '../deployment-store';
import { recordDeployments, reportPlanned, runJournaledApply } from '../journaled-apply';
import type { DockerDeployRequest } from './docker-desired';
import { DockerHostFiles } from './docker-host-files';
import { ensureHelperImage, planWithSession, type DockerPlanOptions, type DockerStep } from './docker-plan';
import { reloadExporter, sshStreams, type ReloadTarget } from './exporter-reload';
import { pullImage } from './image-pull';
import { verifyDeployed, type VerifyOptions } from '../scrape-verify';
import { statusOf, ignoreMissing } from './docker-errors';

export interface DockerApplyOptions extends DockerPlanOptions {
  store: DeploymentStore;
  verify?: Omit<VerifyOptions, 'signal'>;
  now?: () => number;
}

/** Where a replaced container waits until the new one is verified. */
export function asideName(name: string): string {
  return `${name}-promstead-previous`;
}

type ReloadStep = Extract<DockerStep, { kind: 'reload-exporter' }>;

/** A reload the plan holds, and how far the apply got with it. */
interface PendingReload {
  step: ReloadStep;
  /** Its undo is in the journal (below the exporter's file writes). */
  armed: boolean;
  /** The exporter was asked to reload: it may run the new files now. */
  sent: boolean;
}

interface StepContext {
  target: DeployTarget;
  docker: () => Docker;
  /** By exporter, for the reload-exporter steps of the plan. */
  reloads: Map<ExporterId, PendingReload>;
  files: DockerHostFiles;
  journal: DeployJournal;
  job: PhasedJob<ApplyPhase>;
  created: Map<ExporterId, CreatedItems>;
  /** Old containers removed once everything is verified. */
  retired: string[];
}

function createdFor(context: StepContext, exporter: ExporterId): CreatedItems {
  let created = context.created.get(exporter);
  if (!created) context.created.set(exporter, (created = emptyCreated()));
  return created;
}

/** Removes the container with this name unless it is `keepId` (the previous one). */
async function removeByName(docker: Docker, name: string, keepId?: string): Promise<void> {
  const container = docker.getContainer(name);
  const inspect = await container.inspect().catch((error: unknown) => {
    if (statusOf(error) === 404) return undefined;
    throw error;
  });
  if (inspect && inspect.Id !== keepId) await ignoreMissing(container.remove({ force: true }));
}

function reloadTarget(context: StepContext, step: ReloadStep): ReloadTarget {
  return {
    exporter: step.exporter,
    name: step.desired.definition.name,
    address: context.target.host.address,
    port: step.desired.port,
    reload: step.reload,
  };
}

function sendReload(context: StepContext, step: ReloadStep, signal?: AbortSignal): Promise<{ url: string }> {
  const { ssh } = context.target;
  return reloadExporter(
    reloadTarget(context, step),
    ssh ? sshStreams(ssh) : undefined,
    signal ? { signal } : {},
  );
}

/**
 * The journal undoes newest first, so the reload that puts an exporter back on its previous
 * files is recorded before the first of them is written: it runs after they are restored.
 */
function armReload(context: StepContext, exporter: ExporterId): void {
  const pending = context.reloads.get(exporter);
  if (!pending || pending.armed) return;
  pending.armed = true;
  const { name } = pending.step.desired.definition;
  context.journal.record(`ready to reload ${name}`, {
    restores: `${name} runs its previous configuration`,
    // Not asked yet: it never left the previous one. A rollback runs after a cancel, so no signal.
    run: async () => {
      if (pending.sent) await sendReload(context, pending.step);
    },
  });
}

/**
 * Each undo is recorded BEFORE its step runs and works from names and states, so a step
 * whose answer was lost (the SSH connection dropped mid-call) is undone as well.
 */
async function runStep(step: DockerStep, context: StepContext): Promise<void> {
  const { journal, files, job } = context;
  const docker = context.docker();
  switch (step.kind) {
    case 'pull-image': {
      // Absent at plan time, so whatever is there after a failure came from this pull.
      journal.record(`pulled ${step.image}`, {
        restores: `removed the image ${step.image}`,
        run: () => ignoreMissing(context.docker().getImage(step.image).remove()),
      });
      await pullImage(docker, step.image, job.signal, (progress) =>
        job.progress(
          'pull',
          progress.currentBytes,
          progress.totalBytes,
          `${step.image}: ${(progress.currentBytes / 1e6).toFixed(1)} of ${(progress.totalBytes / 1e6).toFixed(1)} MB, ${progress.layersDone}/${progress.layers} layers`,
        ),
      );
      createdFor(context, step.exporter).images.push(step.image);
      return;
    }
    case 'create-directory': {
      journal.record(`created ${step.path}`, {
        restores: `removed the folder ${step.path}`,
        run: () => files.removeTree(step.path),
      });
      await files.mkdir(step.path, step);
      createdFor(context, step.exporter).directories.push(step.path);
      return;
    }
    case 'write-file': {
      const { file, previous } = step;
      armReload(context, step.exporter);
      journal.record(`wrote ${file.path}`, {
        restores: previous ? `restored the previous ${file.path}` : `removed ${file.path}`,
        run: () =>
          previous ? files.writeFile(file.path, previous.content, previous) : files.removeTree(file.path),
      });
      await files.writeFile(file.path, file.content ?? Buffer.alloc(0), file);
      if (!previous) createdFor(context, step.exporter).files.push(file.path);
      return;
    }
    case 'create-container': {
      const { spec } = step.desired;
      // The name was free at plan time: a container with it now is this step's.
      journal.record(`created the container ${spec.name}`, {
        restores: `removed the new container ${spec.name}`,
        run: () => removeByName(context.docker(), spec.name),
      });
      const container = await docker.createContainer(spec);
      createdFor(context, step.exporter).containers.push(spec.name);
      await container.start();
      return;
    }
    case 'reload-exporter': {
      const pending = context.reloads.get(step.exporter);
      // Armed by its file writes; armed here too in case the plan held none.
      armReload(context, step.exporter);
      if (pending) pending.sent = true;
      const { url } = await sendReload(context, step, job.signal);
      job.log(
        'info',
        `${step.desired.definition.name} reloaded its configuration (${url}); container ${step.previous.id.slice(0, 12)} kept running.`,
      );
      return;
    }
    case 'replace-container': {
      const { spec } = step.desired;
      const previousId = step.previous.id;
      const aside = asideName(spec.name);
      // A crashed run's leftover would block the rename; it is Promstead's own.
      await removeByName(docker, aside, previousId);
      journal.record(`moved ${spec.name} aside`, {
        restores: `renamed the previous container back to ${spec.name}`,
        run: async () => {
          const current = await context.docker().getContainer(previousId).inspect();
          if (current.Name.replace(/^\//, '') !== spec.name) {
            await context.docker().getContainer(previousId).rename({ name: spec.name });
          }
        },
      });
      await docker.getContainer(previousId).rename({ name: aside });
      if (step.previous.running) {
        journal.record(`stopped the previous ${spec.name}`, {
          restores: `restarted the previous ${spec.name}`,
          run: () => ignoreMissing(context.docker().getContainer(previousId).start()),
        });
        await ignoreMissing(docker.getContainer(previousId).stop({ t: 10 }));
      }
      journal.record(`created the new container ${spec.name}`, {
        restores: `removed the new container ${spec.name}`,
        run: () => removeByName(context.docker(), spec.name, previousId),
      });
      const container = await docker.createContainer(spec);
      await container.start();
      createdFor(context, step.exporter).containers.push(spec.name);
      context.retired.push(previousId);
      return;
    }
  }
}

/** Once the new containers are verified and recorded, the ones they replaced go. */
async function removeRetired(context: StepContext): Promise<void> {
  for (const retired of context.retired) {
    await ignoreMissing(context.docker().getContainer(retired).remove({ force: true })).catch(
      (error: unknown) =>
        context.job.log(
          'warn',
          `The previous container ${retired} could not be removed: ${errorText(error)}`,
        ),
    );
  }
}

export async function applyDockerDeploy(
  target: DeployTarget,
  requests: readonly DockerDeployRequest[],
  job: PhasedJob<ApplyPhase>,
  options: DockerApplyOptions,
): Promise<ApplyResult> {
  const now = options.now ?? Date.now;
  job.progress('plan', 0, 1, `Reading ${target.host.name}`);
  const helper = await ensureHelperImage(target, { ...options, signal: job.signal });
  const files = new DockerHostFiles(() => target.docker(), helper.image);
  const context: StepContext = {
    target,
    docker: () => target.docker(),
    reloads: new Map(),
    files,
    journal: new DeployJournal(),
    job,
    created: new Map(),
    retired: [],
  };
  let rolledBack = false;
  try {
    return await runJournaledApply({
      job,
      journal: context.journal,
      // Planned inside the guard: a failed plan still removes the helper image pulled for it.
      prepare: async () => {
        const details = await planWithSession(target, requests, files, job.signal);
        for (const step of details.steps) {
          if (step.kind === 'reload-exporter')
            context.reloads.set(step.exporter, { step, armed: false, sent: false });
        }
        reportPlanned(job, details.plan);
        return details;
      },
      runStep: (step) => runStep(step, context),
      verify: ({ desired }) => verifyDeployed(target.ssh, target.host.address, desired, job, options.verify),
      record: ({ desired }) =>
        recordDeployments({
          store: options.store,
          host: target.host,
          method: 'docker',
          deployed: desired,
          createdFor: (exporter) => {
            const created = createdFor(context, exporter);
            if (helper.pulled) created.images.push(helper.image);
            return created;
          },
          now,
        }),
      tidy: () => removeRetired(context),
    });
  } catch (error) {
    // The runner has rolled the host back: the helper image this apply pulled goes as well.
    rolledBack = true;
    throw error;
  } finally {
    await files
      .close()
      .catch((error: unknown) => job.log('warn', `Helper containers left: ${errorText(error)}`));
    if (rolledBack && helper.pulled) {
      await ignoreMissing(target.docker().getImage(helper.image).remove()).catch(() => undefined);
    }
  }
}
