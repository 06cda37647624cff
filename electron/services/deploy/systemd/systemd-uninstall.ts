// Uninstall for the systemd method: from the deployment records, stops and disables the
// units Promstead enabled, removes the files and folders it created (never ones that were
// there before), reloads systemd and deletes the service users it added.
import { type ExporterId, PromsteadError } from '@shared/contract';
import type { JobContext } from '../../jobs';
import { sshOf, type DeployTarget } from '../../hosts';
import type { DeploymentStore } from '../deployment-store';
import type { UninstallResult } from '../docker/docker-uninstall';
import { removeDirectoryArgv, removeFileArgv, systemctlArgv, userdelArgv } from './systemd-commands';
import { PrivilegedShell, sudoModeOf } from './systemd-state';

/** Deepest first, so a folder is emptied before it is removed. */
function deepestFirst(paths: readonly string[]): string[] {
  return [...paths].sort((a, b) => b.split('/').length - a.split('/').length || b.localeCompare(a));
}

export async function uninstallSystemd(
  target: DeployTarget,
  exporters: readonly ExporterId[],
  job: JobContext<'deploy.uninstall'>,
  options: { store: DeploymentStore },
): Promise<UninstallResult> {
  const hostId = target.host.id;
  const all = options.store.list(hostId).filter((record) => record.method === 'systemd');
  const records = exporters.length === 0 ? all : all.filter((record) => exporters.includes(record.exporter));
  const unknown = exporters.filter((id) => !all.some((record) => record.exporter === id));
  if (unknown.length > 0) {
    throw new PromsteadError(
      'NOT_FOUND',
      `Promstead has not installed ${unknown.join(', ')} with systemd on ${target.host.name}.`,
    );
  }
  const result: UninstallResult = { hostId, removed: [], kept: [] };
  if (records.length === 0) return result;
  const shell = new PrivilegedShell(sshOf(target, 'the systemd method'), sudoModeOf(target), job.signal);
  for (const [index, record] of records.entries()) {
    job.throwIfCancelled();
    job.progress('uninstall', index, records.length, `Removing ${record.exporter}`);
    const { created } = record;
    for (const unit of created.units) {
      // Not loaded any more (removed by hand) is fine: there is nothing left to stop.
      const stopped = await shell.exec(systemctlArgv('disable', unit, true));
      if (stopped.code === 0) result.removed.push(`unit ${unit} (stopped and disabled)`);
      else result.kept.push(`unit ${unit}: ${stopped.stderr.trim().slice(0, 200)}`);
    }
    for (const path of created.files) {
      await shell.run(removeFileArgv(path));
      result.removed.push(`file ${path}`);
    }
    await shell.run(systemctlArgv('daemon-reload'));
    for (const path of deepestFirst(created.directories)) {
      const removed = await shell.exec(removeDirectoryArgv(path));
      if (removed.code === 0) result.removed.push(`folder ${path}`);
      else if (!/No such file/.test(removed.stderr))
        result.kept.push(`folder ${path}: it holds files Promstead did not create`);
    }
    for (const user of created.users) {
      const deleted = await shell.exec(userdelArgv(user));
      // 6: the user is gone already.
      if (deleted.code === 0) result.removed.push(`user ${user}`);
      else if (deleted.code !== 6) result.kept.push(`user ${user}: ${deleted.stderr.trim().slice(0, 200)}`);
    }
    await options.store.remove(hostId, record.exporter);
    job.log('info', `Removed ${record.exporter} from ${target.host.name}`);
  }
  job.progress('uninstall', records.length, records.length, 'Removed');
  return result;
}
