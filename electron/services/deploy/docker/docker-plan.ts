// The Docker method's plan: the desired exporters compared with what the host has, as
// ordered steps (pull, folders, files, containers), each with a readable before/after
// and a diff. Secret values never enter a plan: files show their references.
import { posix } from 'node:path';
import { type DeployPlan, type ExporterId, type PlanAction, PromsteadError } from '@shared/contract';
import { actualSettingsText, settingsHashLabel, settingsText } from './container-settings';
import { type DeployTarget, helperImageReference } from '../../hosts';
import {
  checkDistinct,
  renderDesired,
  type DesiredExporter,
  type DesiredFile,
  type DockerDeployRequest,
} from './docker-desired';
import { DockerHostFiles, type HostFileContent } from './docker-host-files';
import { readActualState, readHostFacts, type ActualContainer, type DockerActualState } from './docker-state';
import { pullImage } from './image-pull';
import type { ImageOverride, ReloadCapability } from '../../exporters';
import { unifiedDiff } from '../unified-diff';

export type DockerStep =
  | { kind: 'pull-image'; exporter: ExporterId; image: string }
  | { kind: 'create-directory'; exporter: ExporterId; path: string; mode: number; uid: number; gid: number }
  | { kind: 'write-file'; exporter: ExporterId; file: DesiredFile; previous?: HostFileContent }
  | { kind: 'create-container'; exporter: ExporterId; desired: DesiredExporter }
  | { kind: 'replace-container'; exporter: ExporterId; desired: DesiredExporter; previous: ActualContainer }
  | {
      kind: 'reload-exporter';
      exporter: ExporterId;
      desired: DesiredExporter;
      previous: ActualContainer;
      reload: ReloadCapability<unknown>;
      /** The files the write-file steps before it change, which the exporter re-reads. */
      files: string[];
    };

export interface DockerPlanDetails {
  plan: DeployPlan;
  /** steps[i] is what plan.actions[i] describes. */
  steps: DockerStep[];
  desired: DesiredExporter[];
}

export interface DockerPlanOptions {
  /** The helper image's tag or repository (the lab's own busybox). */
  helperImageOverride?: ImageOverride;
  signal?: AbortSignal;
}

function octalMode(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}

function ownership(file: { mode: number; uid: number; gid: number }): string {
  return `mode ${octalMode(file.mode)}, owner ${file.uid}:${file.gid}`;
}

function shownContent(file: DesiredFile): string {
  return file.template?.content ?? '';
}

function portConflict(entry: DesiredExporter, state: DockerActualState): string | undefined {
  const own = state.containers.get(entry.spec.name);
  const ownHolds =
    own?.managed &&
    own.running &&
    (own.inspect.HostConfig.NetworkMode === 'host' ||
      Object.values(own.inspect.HostConfig.PortBindings ?? {}).some((bindings) =>
        (bindings as { HostPort?: string }[] | null)?.some(
          (binding) => binding.HostPort === String(entry.port),
        ),
      ));
  if (ownHolds) return undefined;
  const publisher = state.publishedBy.get(entry.port);
  if (publisher && publisher !== entry.spec.name) {
    return `Port ${entry.port} is already published by the container "${publisher}". Pick another port for ${entry.exporter} (its port parameter) or stop that container.`;
  }
  if (state.listeningPorts?.has(entry.port)) {
    return `Something on the host already listens on port ${entry.port}. Pick another port for ${entry.exporter} (its port parameter) or stop what listens there.`;
  }
  return undefined;
}

function checkOwnership(entry: DesiredExporter, state: DockerActualState): void {
  const name = entry.spec.name;
  const actual = state.containers.get(name);
  if (actual && !actual.managed) {
    throw new PromsteadError(
      'CONFLICT',
      `A container named "${name}" exists that Promstead did not create (image ${actual.inspect.Config.Image}). Remove or rename it on the host (docker rename ${name} ${name}-old), or give ${entry.exporter} another containerName.`,
      { container: name },
    );
  }
}

/** The entry's reload, when its catalog entry has one and its params leave it on. */
export function reloadOf(entry: DesiredExporter): ReloadCapability<unknown> | undefined {
  const reload = entry.definition.reload;
  if (!reload || (reload.availableWith && !reload.availableWith(entry.params))) return undefined;
  return reload;
}

/**
 * What the container needs. `written` are the files planned to be written for it: a running
 * exporter that reloads and whose settings (create options and file list) are unchanged
 * takes them with a reload. Its spec-hash label then stays the one of its creation, so for
 * it the files on the host, not that label, tell whether it is current.
 */
function containerAction(
  entry: DesiredExporter,
  state: DockerActualState,
  written: readonly DesiredFile[],
): DockerStep | undefined {
  const actual = state.containers.get(entry.spec.name) ?? null;
  if (!actual) return { kind: 'create-container', exporter: entry.exporter, desired: entry };
  const reload = reloadOf(entry);
  const desiredSettings = entry.spec.Labels?.[settingsHashLabel];
  const settingsCurrent =
    desiredSettings !== undefined && actual.inspect.Config.Labels?.[settingsHashLabel] === desiredSettings;
  if (reload && settingsCurrent && actual.running) {
    if (written.length === 0) return undefined;
    return {
      kind: 'reload-exporter',
      exporter: entry.exporter,
      desired: entry,
      previous: actual,
      reload,
      files: written.map((file) => file.path),
    };
  }
  if (actual.specHash === entry.spec.Labels?.['io.promstead.spec-hash'] && actual.running) return undefined;
  return { kind: 'replace-container', exporter: entry.exporter, desired: entry, previous: actual };
}

/** The steps and their descriptions for desired exporters against a known host state. Pure. */
export function planSteps(
  desired: readonly DesiredExporter[],
  state: DockerActualState,
): { steps: DockerStep[]; actions: PlanAction[]; notes: string[] } {
  checkDistinct(desired);
  const steps: DockerStep[] = [];
  const notes: string[] = [];
  const pulled = new Set<string>();
  const createdDirectories = new Set<string>();
  for (const entry of desired) {
    // The name first: a foreign container of that name usually holds the port too.
    checkOwnership(entry, state);
    const conflict = portConflict(entry, state);
    if (conflict) throw new PromsteadError('CONFLICT', conflict, { port: entry.port });
    const written: DesiredFile[] = [];
    if (!state.images.has(entry.image) && !pulled.has(entry.image)) {
      pulled.add(entry.image);
      steps.push({ kind: 'pull-image', exporter: entry.exporter, image: entry.image });
    }
    for (const file of entry.files) {
      const info = state.paths.get(file.path) ?? null;
      if (info && (info.type === 'directory') !== (file.kind === 'directory')) {
        throw new PromsteadError(
          'CONFLICT',
          `${file.path} on the host is a ${info.type}, where ${entry.exporter} needs a ${file.kind}. Move it aside first.`,
        );
      }
      // Missing ancestors, outermost first, created as root-owned 0755 folders.
      const missing: string[] = [];
      for (
        let parent = posix.dirname(file.path);
        state.paths.get(parent) === null;
        parent = posix.dirname(parent)
      ) {
        missing.unshift(parent);
      }
      for (const path of missing) {
        if (createdDirectories.has(path)) continue;
        createdDirectories.add(path);
        steps.push({ kind: 'create-directory', exporter: entry.exporter, path, mode: 0o755, uid: 0, gid: 0 });
      }
      if (file.kind === 'directory') {
        if (!info && !createdDirectories.has(file.path)) {
          createdDirectories.add(file.path);
          steps.push({
            kind: 'create-directory',
            exporter: entry.exporter,
            path: file.path,
            mode: file.mode,
            uid: file.uid,
            gid: file.gid,
          });
        }
        continue;
      }
      const previous = state.fileContents.get(file.path);
      const unchanged =
        previous &&
        previous.mode === file.mode &&
        previous.uid === file.uid &&
        previous.gid === file.gid &&
        file.content?.equals(previous.content);
      if (!unchanged) {
        written.push(file);
        steps.push({ kind: 'write-file', exporter: entry.exporter, file, ...(previous ? { previous } : {}) });
      }
    }
    const container = containerAction(entry, state, written);
    if (container) steps.push(container);
    if (entry.spec.HostConfig?.NetworkMode === 'host') {
      notes.push(
        `${entry.exporter} runs on the host network and listens on port ${entry.port} on every interface of the host.`,
      );
    } else {
      notes.push(
        `${entry.exporter} publishes port ${entry.port} on the host: open it in the host's firewall for Prometheus if one is active.`,
      );
    }
  }
  return { steps, actions: steps.map(describeStep), notes };
}

export function describeStep(step: DockerStep): PlanAction {
  const base = { kind: step.kind, exporter: step.exporter };
  switch (step.kind) {
    case 'pull-image':
      return {
        ...base,
        target: step.image,
        summary: `Pull ${step.image} (not on the host yet).`,
        after: step.image,
      };
    case 'create-directory':
      return {
        ...base,
        target: step.path,
        summary: `Create the folder ${step.path} (${ownership(step)}).`,
        after: `${step.path}/ (${ownership(step)})`,
      };
    case 'write-file': {
      const { file, previous } = step;
      const after = shownContent(file);
      const secretNote = file.holdsSecrets
        ? ` (holds secret ${file.template?.secretRefs.map((id) => `"${id}"`).join(', ')}: shown as references)`
        : '';
      if (!previous) {
        return {
          ...base,
          target: file.path,
          summary: `Create ${file.path} (${ownership(file)})${secretNote}.`,
          before: '(none)',
          after,
          diff: unifiedDiff('', after, file.path.slice(1)),
        };
      }
      const changes: string[] = [];
      const contentChanged = !file.content?.equals(previous.content);
      if (contentChanged) changes.push('content');
      if (previous.mode !== file.mode)
        changes.push(`mode ${octalMode(previous.mode)} → ${octalMode(file.mode)}`);
      if (previous.uid !== file.uid || previous.gid !== file.gid)
        changes.push(`owner ${previous.uid}:${previous.gid} → ${file.uid}:${file.gid}`);
      // A file with secrets on the host holds their values: its old content is never shown.
      const before = file.holdsSecrets
        ? '(current content holds secrets: not shown)'
        : previous.content.toString('utf8');
      return {
        ...base,
        target: file.path,
        summary: `Update ${file.path}: ${changes.join(', ')}${secretNote}.`,
        before,
        after,
        ...(contentChanged && !file.holdsSecrets
          ? { diff: unifiedDiff(before, after, file.path.slice(1)) }
          : {}),
      };
    }
    case 'create-container': {
      const after = settingsText(step.desired.spec);
      return {
        ...base,
        target: step.desired.spec.name,
        summary: `Create and start the container ${step.desired.spec.name} from ${step.desired.image}.`,
        before: '(none)',
        after,
        diff: unifiedDiff('', after, `container/${step.desired.spec.name}`),
      };
    }
    case 'reload-exporter': {
      const names = step.files.map((path) => posix.basename(path));
      const listed =
        names.length > 1
          ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
          : (names[0] ?? '');
      const name = step.desired.spec.name;
      return {
        ...base,
        target: name,
        summary: `Write ${listed} and reload ${step.desired.definition.name} (no restart).`,
        // The file diffs are on the write-file actions before this one.
        before: `container ${name} running, its current configuration loaded`,
        after: `the same container, its new configuration loaded (${step.reload.method} ${step.reload.path})`,
      };
    }
    case 'replace-container': {
      const before = actualSettingsText(step.previous.inspect, step.desired.spec);
      const after = settingsText(step.desired.spec);
      const diff = unifiedDiff(before, after, `container/${step.desired.spec.name}`);
      const why = diff
        ? 'its settings changed'
        : step.previous.running
          ? 'its config files changed'
          : 'it is not running';
      return {
        ...base,
        target: step.desired.spec.name,
        summary: `Replace the container ${step.desired.spec.name}: ${why}.`,
        before,
        after,
        ...(diff ? { diff } : {}),
      };
    }
  }
}

/** Renders, reads the host through an open file session, and plans. */
export async function planWithSession(
  target: DeployTarget,
  requests: readonly DockerDeployRequest[],
  files: DockerHostFiles,
  signal?: AbortSignal,
): Promise<DockerPlanDetails> {
  if (requests.length === 0) throw new PromsteadError('VALIDATION', 'Pick at least one exporter to deploy.');
  const facts = await readHostFacts(target.readHostProc, signal);
  const desired: DesiredExporter[] = [];
  for (const request of requests) {
    desired.push(await renderDesired(request, target.renderContext, facts, target.readSecret));
  }
  const docker = target.docker();
  const state = await readActualState(docker, files, target.readHostProc, desired, signal);
  const { steps, actions, notes } = planSteps(desired, state);
  if (!state.listeningPorts)
    notes.push(
      'The host did not list its listening ports: a port conflict shows only when a container starts.',
    );
  if (!facts.rootPropagates)
    notes.push(
      '/ on the host is a private mount: node_exporter binds it without rslave (mounts made later are not seen).',
    );
  const nodeDefaults = requests.some(
    (request) => request.exporter === 'node_exporter' && !('extraCollectors' in (request.params ?? {})),
  );
  if (!facts.systemdRunning && nodeDefaults)
    notes.push('systemd is not PID 1 on the host: node_exporter runs without its systemd collector.');
  return { plan: { hostId: target.host.id, method: 'docker', actions, notes }, steps, desired };
}

/** The helper image must be on the host before any host file can be read; a pull here is reported. */
export async function ensureHelperImage(
  target: DeployTarget,
  options: DockerPlanOptions,
): Promise<{ image: string; pulled: boolean }> {
  const image = helperImageReference(target.renderContext, options.helperImageOverride);
  const docker = target.docker();
  try {
    await docker.getImage(image).inspect();
    return { image, pulled: false };
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
  await pullImage(docker, image, options.signal);
  return { image, pulled: true };
}

/**
 * deploy.plan for the Docker method: reads the host and changes nothing. The helper image
 * it may need to pull for reading files is removed again afterwards.
 */
export async function planDockerDeploy(
  target: DeployTarget,
  requests: readonly DockerDeployRequest[],
  options: DockerPlanOptions = {},
): Promise<DeployPlan> {
  const helper = await ensureHelperImage(target, options);
  const files = new DockerHostFiles(() => target.docker(), helper.image);
  try {
    return (await planWithSession(target, requests, files, options.signal)).plan;
  } finally {
    await files.close();
    if (helper.pulled) {
      await target
        .docker()
        .getImage(helper.image)
        .remove()
        .catch(() => undefined);
    }
  }
}
