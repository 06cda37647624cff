// The lab as a whole: its components in start order, brought up idempotently,
// taken down in reverse (every one attempted, even after a failed up), and listed.
import { chmod, mkdir, rm } from 'node:fs/promises';
import type { ComponentStatus, LabComponent, LabLog } from './core/component';
import { ensurePackages } from './core/packages';
import { packagesFor } from '../debian-packages';
import { labCacheDir, labStateDir } from './lab-facts';
import { labComponents } from './components';

export async function labUp(log: LabLog, components: readonly LabComponent[] = labComponents): Promise<void> {
  if (process.getuid?.() !== 0)
    throw new Error('The lab needs root (network namespaces, daemons): run it as root.');
  // The lab's part of the one list (test/debian-packages.txt); npm test installed it all.
  await ensurePackages(packagesFor('lab'), log);
  await mkdir(labStateDir, { recursive: true, mode: 0o755 });
  // Lab users (sshd reads their authorized keys as them) must be able to walk it.
  await chmod(labStateDir, 0o755);
  await mkdir(labCacheDir, { recursive: true, mode: 0o755 });
  for (const component of components) {
    const started = Date.now();
    await component.up(log);
    log(`  ${component.name} up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

export async function labDown(
  log: LabLog,
  components: readonly LabComponent[] = labComponents,
): Promise<string[]> {
  const problems: string[] = [];
  for (const component of [...components].reverse()) {
    try {
      await component.down(log);
    } catch (error) {
      problems.push(`${component.name}: ${(error as Error).message}`);
    }
  }
  await rm(labStateDir, { recursive: true, force: true }).catch((error: Error) =>
    problems.push(`state dir: ${error.message}`),
  );
  return problems;
}

export async function labStatus(
  components: readonly LabComponent[] = labComponents,
): Promise<ComponentStatus[]> {
  const statuses: ComponentStatus[] = [];
  for (const component of components) {
    try {
      statuses.push(...(await component.status()));
    } catch (error) {
      statuses.push({
        name: component.name,
        state: 'degraded',
        detail: `status failed: ${(error as Error).message}`,
      });
    }
  }
  return statuses;
}
