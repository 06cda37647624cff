// Redis 7 on the NAS: password required, nothing saved to disk.
import { mkdir, rm } from 'node:fs/promises';
import { run } from '../../core/command';
import type { ComponentStatus } from '../../core/component';
import { startForegroundDaemon, stopByPidfile } from '../../core/daemon';
import { waitFor } from '../../core/wait';
import { labDatabases } from '../../lab-facts';
import {
  databasesStateDir,
  listenAddresses,
  nasNetns,
  statusFromChecks,
  type NasDatabase,
} from './nas-database';
import { daemonState } from './processes';

const { port, password } = labDatabases.redis;
const dir = `${databasesStateDir}/redis`;
const pidfile = `${dir}/redis.pid`;
const logfile = `${dir}/redis.log`;

async function accepts(address: string, netns: string): Promise<boolean> {
  // REDISCLI_AUTH rather than -a: no password in the process list, no warning on stderr.
  const env = { ...process.env, REDISCLI_AUTH: password };
  const result = await run('redis-cli', ['-h', address, '-p', String(port), 'ping'], {
    netns,
    env,
    timeoutMs: 5000,
    allowFailure: true,
  });
  // redis-cli exits 0 even for NOAUTH: only the answer says whether the password worked.
  return result.code === 0 && result.stdout.trim() === 'PONG';
}

export const redis: NasDatabase = {
  name: 'redis',

  async up() {
    // Stopped, or still running in a lab-nas that has since been rebuilt: start afresh.
    if ((await daemonState(pidfile, nasNetns)) !== 'running') {
      await redis.down();
      await mkdir(dir, { recursive: true });
      await startForegroundDaemon({
        argv: [
          'redis-server',
          '--bind',
          ...listenAddresses,
          '--port',
          String(port),
          '--requirepass',
          password,
          '--daemonize',
          'no',
          // The same pid as we record (ip netns exec execs it); redis removes it on exit.
          '--pidfile',
          pidfile,
          '--dir',
          dir,
          '--save',
          '',
          '--appendonly',
          'no',
          '--logfile',
          '',
        ],
        netns: nasNetns,
        pidfile,
        logfile,
        cwd: dir,
      });
    }
    await waitFor('Redis to accept connections', () => accepts('127.0.0.1', nasNetns), {
      timeoutMs: 15_000,
      intervalMs: 100,
    });
  },

  async down() {
    await stopByPidfile(pidfile, 10_000);
    await rm(dir, { recursive: true, force: true });
  },

  async status(): Promise<ComponentStatus> {
    return statusFromChecks('redis', await daemonState(pidfile, nasNetns), port, accepts);
  },
};
