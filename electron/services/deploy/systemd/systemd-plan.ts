// deploy.plan for the systemd method: renders what each exporter should be, reads the
// host, and lists the steps that make one into the other. Pure from desired + state, so
// planning again after an apply finds nothing to do.
import { type DeployPlan, type ExporterId, type PlanAction, PromsteadError } from '@shared/contract';
import { sshOf, type DeployTarget } from '../../hosts';
import type { CachedBinary, SystemdBinaryCache } from '../../binaries';
import type { FileOwner } from './systemd-commands';
import { renderSystemdDesired, type SystemdDeployRequest, type SystemdDesired } from './systemd-desired';
import {
  PrivilegedShell,
  readSystemdState,
  sudoModeOf,
  type ExporterHostState,
  type PathState,
  type SystemdHostState,
} from './systemd-state';
import { unifiedDiff } from '../unified-diff';

const root: FileOwner = { user: 'root', group: 'root' };

export type SystemdStep =
  | { kind: 'install-binary'; exporter: ExporterId; path: string; binary: CachedBinary; previous: boolean }
  | { kind: 'create-user'; exporter: ExporterId; user: string }
  | {
      kind: 'create-directory';
      exporter: ExporterId;
      path: string;
      mode: number;
      owner: FileOwner;
      /** The folder's mode and owner when it exists and only they change. */
      previous?: { mode: number; owner: FileOwner };
    }
  | {
      kind: 'write-file';
      exporter: ExporterId;
      path: string;
      content: Buffer;
      mode: number;
      owner: FileOwner;
      previous: boolean;
    }
  | {
      kind: 'install-unit';
      exporter: ExporterId;
      unitName: string;
      wasEnabled: boolean;
      wasActive: boolean;
      restart: boolean;
    };

export interface SystemdPlanDetails {
  plan: DeployPlan;
  steps: SystemdStep[];
  desired: SystemdDesired[];
  state: SystemdHostState;
}

function sameOwnerAndMode(state: PathState, mode: number, owner: FileOwner): boolean {
  return state.mode === mode && state.user === owner.user && state.group === owner.group;
}

function describeMode(mode: number, owner: FileOwner): string {
  return `${mode.toString(8).padStart(4, '0')} ${owner.user}:${owner.group}`;
}

function fileAction(
  exporter: ExporterId,
  path: string,
  before: PathState | undefined,
  after: { text: string | undefined; mode: number; owner: FileOwner },
): PlanAction {
  const shownAfter = after.text ?? '(holds secrets: not shown)\n';
  const shownBefore = before ? (before.content ?? '(not shown)\n') : '';
  return {
    kind: 'write-file',
    exporter,
    target: path,
    summary: before ? `Update ${path}` : `Write ${path}`,
    ...(before ? { before: describeMode(before.mode, { user: before.user, group: before.group }) } : {}),
    after: describeMode(after.mode, after.owner),
    diff: unifiedDiff(shownBefore, shownAfter, path),
  };
}

/** The steps for one exporter, in the order they must run. */
export function planExporterSteps(
  desired: SystemdDesired,
  state: ExporterHostState,
  binary: CachedBinary,
): { steps: SystemdStep[]; actions: PlanAction[] } {
  const { exporter } = desired;
  const steps: SystemdStep[] = [];
  const actions: PlanAction[] = [];
  if (state.binarySha256 !== binary.sha256) {
    steps.push({
      kind: 'install-binary',
      exporter,
      path: desired.binaryPath,
      binary,
      previous: state.binarySha256 !== undefined,
    });
    actions.push({
      kind: 'install-binary',
      exporter,
      target: desired.binaryPath,
      summary: `Install ${exporter} ${desired.version} (${binary.arch}) at ${desired.binaryPath}`,
      ...(state.binarySha256 ? { before: `sha256 ${state.binarySha256}` } : {}),
      after: `sha256 ${binary.sha256}`,
    });
  }
  if (!state.userExists) {
    steps.push({ kind: 'create-user', exporter, user: desired.user });
    actions.push({
      kind: 'create-user',
      exporter,
      target: desired.user,
      summary: `Create the system user ${desired.user}`,
    });
  }
  for (const parent of state.missingParents) {
    steps.push({
      kind: 'create-directory',
      exporter,
      path: parent,
      mode: 0o755,
      owner: root,
    });
    actions.push({
      kind: 'create-directory',
      exporter,
      target: parent,
      summary: `Create ${parent}`,
      after: describeMode(0o755, root),
    });
  }
  for (const file of desired.files) {
    const before = state.files.get(file.path);
    if (file.kind === 'directory') {
      if (before?.type === 'directory' && sameOwnerAndMode(before, file.mode, file.owner)) continue;
      if (before && before.type !== 'directory') {
        throw new PromsteadError('CONFLICT', `${file.path} exists on the host and is not a folder.`);
      }
      steps.push({
        kind: 'create-directory',
        exporter,
        path: file.path,
        mode: file.mode,
        owner: file.owner,
        ...(before
          ? { previous: { mode: before.mode, owner: { user: before.user, group: before.group } } }
          : {}),
      });
      actions.push({
        kind: 'create-directory',
        exporter,
        target: file.path,
        summary: before ? `Set the owner and mode of ${file.path}` : `Create ${file.path}`,
        ...(before ? { before: describeMode(before.mode, before) } : {}),
        after: describeMode(file.mode, file.owner),
      });
      continue;
    }
    if (before && before.type !== 'file')
      throw new PromsteadError('CONFLICT', `${file.path} exists on the host and is not a file.`);
    if (before && before.sha256 === file.sha256 && sameOwnerAndMode(before, file.mode, file.owner)) continue;
    steps.push({
      kind: 'write-file',
      exporter,
      path: file.path,
      content: file.content ?? Buffer.alloc(0),
      mode: file.mode,
      owner: file.owner,
      previous: before !== undefined,
    });
    actions.push(
      fileAction(exporter, file.path, before, {
        text: file.holdsSecrets ? undefined : file.shown,
        mode: file.mode,
        owner: file.owner,
      }),
    );
  }
  const unitBefore = state.unitFile;
  if (unitBefore && unitBefore.type !== 'file')
    throw new PromsteadError('CONFLICT', `${desired.unitPath} is not a regular file.`);
  if (!unitBefore || unitBefore.content !== desired.unit || !sameOwnerAndMode(unitBefore, 0o644, root)) {
    steps.push({
      kind: 'write-file',
      exporter,
      path: desired.unitPath,
      content: Buffer.from(desired.unit, 'utf8'),
      mode: 0o644,
      owner: root,
      previous: unitBefore !== undefined,
    });
    actions.push(
      fileAction(exporter, desired.unitPath, unitBefore, { text: desired.unit, mode: 0o644, owner: root }),
    );
  }
  // Anything changed means the running service is stale: restart it.
  const restart = steps.length > 0 && state.unitActive;
  if (restart || !state.unitEnabled || !state.unitActive) {
    steps.push({
      kind: 'install-unit',
      exporter,
      unitName: desired.unitName,
      wasEnabled: state.unitEnabled,
      wasActive: state.unitActive,
      restart,
    });
    actions.push({
      kind: 'install-unit',
      exporter,
      target: desired.unitName,
      summary: restart
        ? `Reload systemd and restart ${desired.unitName}`
        : `Reload systemd, enable and start ${desired.unitName}`,
      before: `${state.unitEnabled ? 'enabled' : 'not enabled'}, ${state.unitActive ? 'active' : 'not active'}`,
      after: 'enabled, active',
    });
  }
  return { steps, actions };
}

/** Two requests may not share a unit, a binary, a port or a file. */
function checkDistinct(desired: readonly SystemdDesired[]): void {
  const seen = new Map<string, ExporterId>();
  for (const entry of desired) {
    for (const key of [
      `unit ${entry.unitName}`,
      `binary ${entry.binaryPath}`,
      `port ${entry.port}`,
      ...entry.files.filter((file) => file.kind === 'file').map((file) => `file ${file.path}`),
    ]) {
      const other = seen.get(key);
      if (other !== undefined)
        throw new PromsteadError('VALIDATION', `${entry.exporter} and ${other} both use the ${key}.`);
      seen.set(key, entry.exporter);
    }
  }
}

export async function planWithShell(
  target: DeployTarget,
  shell: PrivilegedShell,
  requests: readonly SystemdDeployRequest[],
  cache: SystemdBinaryCache,
): Promise<SystemdPlanDetails> {
  const desired: SystemdDesired[] = [];
  for (const request of requests)
    desired.push(await renderSystemdDesired(request, target.renderContext, target.readSecret));
  checkDistinct(desired);
  const state = await readSystemdState(shell, desired);
  const steps: SystemdStep[] = [];
  const actions: PlanAction[] = [];
  for (const entry of desired) {
    const binary = await cache.ensure(entry.exporter, entry.version, state.arch, entry.release, shell.signal);
    const hostState = state.exporters.get(entry.exporter);
    if (!hostState) throw new PromsteadError('INTERNAL', `No host state read for ${entry.exporter}.`);
    const planned = planExporterSteps(entry, hostState, binary);
    steps.push(...planned.steps);
    actions.push(...planned.actions);
  }
  const notes = desired.map(
    (entry) =>
      `${entry.exporter} listens on port ${entry.port}: open it in the host's firewall for Prometheus.`,
  );
  return { plan: { hostId: target.host.id, method: 'systemd', actions, notes }, steps, desired, state };
}

export async function planSystemdDeploy(
  target: DeployTarget,
  requests: readonly SystemdDeployRequest[],
  cache: SystemdBinaryCache,
  signal?: AbortSignal,
): Promise<DeployPlan> {
  const shell = new PrivilegedShell(sshOf(target, 'the systemd method'), sudoModeOf(target), signal);
  return (await planWithShell(target, shell, requests, cache)).plan;
}
