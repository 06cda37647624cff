// Uninstall for the Docker method: from the deployment records, removes the containers,
// files and folders Promstead created (never ones that were there before), and the
// images it pulled once no container and no remaining record uses them.
import { type ExporterId, PromsteadError } from '@shared/contract';
import type { JobContext } from '../../jobs';
import type { DeployTarget } from '../../hosts';
import { emptyCreated, type DeploymentStore } from '../deployment-store';
import { DockerHostFiles } from './docker-host-files';
import { ensureHelperImage, type DockerPlanOptions } from './docker-plan';
import { statusOf } from './docker-errors';

export interface UninstallResult {
  hostId: string;
  /** What was removed, one line each. */
  removed: string[];
  /** What was left on purpose, with why. */
  kept: string[];
}

/** Deepest first, so a folder is emptied before it is removed. */
function deepestFirst(paths: readonly string[]): string[] {
  return [...paths].sort((a, b) => b.split('/').length - a.split('/').length || b.localeCompare(a));
}

export async function uninstallDocker(
  target: DeployTarget,
  exporters: readonly ExporterId[],
  job: JobContext<'deploy.uninstall'>,
  options: DockerPlanOptions & { store: DeploymentStore },
): Promise<UninstallResult> {
  const hostId = target.host.id;
  const all = options.store.list(hostId).filter((record) => record.method === 'docker');
  const records = exporters.length === 0 ? all : all.filter((record) => exporters.includes(record.exporter));
  const unknown = exporters.filter((id) => !all.some((record) => record.exporter === id));
  if (unknown.length > 0) {
    throw new PromsteadError(
      'NOT_FOUND',
      `Promstead has not deployed ${unknown.join(', ')} on ${target.host.name}.`,
    );
  }
  const result: UninstallResult = { hostId, removed: [], kept: [] };
  if (records.length === 0) return result;
  const helper = await ensureHelperImage(target, { ...options, signal: job.signal });
  const files = new DockerHostFiles(() => target.docker(), helper.image);
  const docker = (): ReturnType<DeployTarget['docker']> => target.docker();
  try {
    for (const [index, record] of records.entries()) {
      job.throwIfCancelled();
      job.progress('uninstall', index, records.length, `Removing ${record.exporter}`);
      for (const name of record.created.containers) {
        const container = docker().getContainer(name);
        const inspect = await container.inspect().catch((error: unknown) => {
          if (statusOf(error) === 404) return undefined;
          throw error;
        });
        if (!inspect) continue;
        // A container that took the name since is not Promstead's to remove.
        if (inspect.Config.Labels?.['io.promstead.managed'] !== 'true') {
          result.kept.push(`container ${name}: it is not Promstead's`);
          continue;
        }
        await container.remove({ force: true });
        result.removed.push(`container ${name}`);
      }
      for (const path of record.created.files) {
        await files.removeTree(path);
        result.removed.push(`file ${path}`);
      }
    }
    // Folders after every file: one exporter's record may hold a parent another's files sit in.
    const leftRecords = all.filter((record) => !records.some((gone) => gone.exporter === record.exporter));
    for (const path of deepestFirst([...new Set(records.flatMap((record) => record.created.directories))])) {
      if (!(await files.stat(path))) continue;
      if (await files.removeEmptyDirectory(path)) {
        result.removed.push(`folder ${path}`);
        continue;
      }
      // Still holding another deployment's files: that deployment takes it over.
      const heir = leftRecords.find((record) =>
        [...record.created.files, ...record.created.directories].some((item) => item.startsWith(`${path}/`)),
      );
      if (heir) {
        await options.store.record({ ...heir, created: { ...emptyCreated(), directories: [path] } });
        result.kept.push(`folder ${path}: ${heir.exporter} still uses it`);
      } else result.kept.push(`folder ${path}: it holds files Promstead did not create`);
    }
    for (const record of records) {
      await options.store.remove(hostId, record.exporter);
      job.log('info', `Removed ${record.exporter} from ${target.host.name}`);
    }
  } finally {
    await files.close();
  }

  // Images last: the helper ran from one until now. An image stays while a container
  // (anyone's) or a remaining deployment uses it.
  const remaining = options.store.list(hostId);
  const inUse = new Set((await docker().listContainers({ all: true })).map((container) => container.Image));
  const images = [...new Set(records.flatMap((record) => record.created.images))];
  if (helper.pulled && remaining.length === 0 && !images.includes(helper.image)) images.push(helper.image);
  for (const image of images) {
    if (remaining.some((record) => record.created.images.includes(image))) {
      result.kept.push(`image ${image}: another deployment uses it`);
      continue;
    }
    if (inUse.has(image)) {
      result.kept.push(`image ${image}: a container uses it`);
      continue;
    }
    try {
      await docker().getImage(image).remove();
      result.removed.push(`image ${image}`);
    } catch (error) {
      if (statusOf(error) === 404) continue;
      if (statusOf(error) === 409) result.kept.push(`image ${image}: a container uses it`);
      else throw error;
    }
  }
  job.progress('uninstall', records.length, records.length, 'Removed');
  return result;
}
