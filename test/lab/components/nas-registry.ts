// The NAS's image registry (Debian's docker-registry, distribution 2.8) on
// 10.203.0.20:5000, plain HTTP; its storage is kept between runs in the cache dir,
// so the lab's images are built once per machine.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import type { ComponentStatus, LabComponent, LabLog } from '../core/component';
import { isRunning, startForegroundDaemon, stopByPidfile } from '../core/daemon';
import { waitFor } from '../core/wait';
import { labHosts, labRegistry } from '../lab-facts';
import { getFromNamespace } from './nas/lab-http';
import { nasPaths } from './nas/nas-paths';

const netns = labHosts.nas.netns;

function registryConfig(): string {
  return [
    'version: 0.1',
    'log:',
    '  level: info',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${nasPaths.registryStorage}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: ${labRegistry.host}`,
    // Fixed, so its absence is not warned about; it only signs upload state.
    '  secret: promstead-lab-registry',
    '',
  ].join('\n');
}

/** Checked from inside lab-nas: the root namespace cannot reach lab addresses. */
async function answers(): Promise<boolean> {
  return (await getFromNamespace(netns, `${labRegistry.url}/v2/`)).status === 200;
}

export const nasRegistry: LabComponent = {
  name: 'nas-registry',

  async up(log: LabLog) {
    if ((await isRunning(nasPaths.registryPidfile)) && (await answers())) {
      log('nas-registry: already running');
      return;
    }
    await mkdir(nasPaths.registryDir, { recursive: true });
    await mkdir(nasPaths.registryStorage, { recursive: true });
    await writeFile(nasPaths.registryConfig, registryConfig());
    await startForegroundDaemon({
      argv: ['docker-registry', 'serve', nasPaths.registryConfig],
      netns,
      pidfile: nasPaths.registryPidfile,
      logfile: nasPaths.registryLog,
    });
    await waitFor(`the registry to answer ${labRegistry.url}/v2/`, answers, {
      timeoutMs: 20_000,
      intervalMs: 100,
    });
    log(`nas-registry: ${labRegistry.url} (storage ${nasPaths.registryStorage})`);
  },

  async down() {
    await stopByPidfile(nasPaths.registryPidfile);
    await rm(nasPaths.registryDir, { recursive: true, force: true });
  },

  async status(): Promise<ComponentStatus[]> {
    const name = 'registry (lab-nas)';
    if (!(await isRunning(nasPaths.registryPidfile))) return [{ name, state: 'down', detail: 'not running' }];
    if (!(await answers()))
      return [{ name, state: 'degraded', detail: `running, but ${labRegistry.url}/v2/ does not answer 200` }];
    return [{ name, state: 'up', detail: `${labRegistry.url} (storage ${nasPaths.registryStorage})` }];
  },
};
