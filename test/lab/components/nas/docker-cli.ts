// The docker CLI pointed at the NAS's dockerd, with a config folder of its own so
// the machine's ~/.docker (credential helpers, contexts) never takes part.
import { mkdir } from 'node:fs/promises';
import { run, type RunOptions, type RunResult } from '../../core/command';
import { nasPaths } from './nas-paths';

export async function docker(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  await mkdir(nasPaths.dockerClientConfig, { recursive: true });
  return run('docker', ['-H', `unix://${nasPaths.dockerSocket}`, ...args], {
    timeoutMs: 120_000,
    ...options,
    env: { ...process.env, ...options.env, DOCKER_CONFIG: nasPaths.dockerClientConfig },
  });
}
