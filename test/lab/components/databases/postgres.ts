// Postgres 15 on the NAS: its own cluster in the state dir, run as the postgres system user
// (initdb and the server refuse root), password logins from the LAN and from localhost, and
// the least-privilege monitoring role the exporter wizard recommends (pg_monitor).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { run, succeeds } from '../../core/command';
import type { ComponentStatus } from '../../core/component';
import { isAlive, readPid, startForegroundDaemon, stopByPidfile } from '../../core/daemon';
import { waitFor } from '../../core/wait';
import { labDatabases, labSubnet } from '../../lab-facts';
import { nasDockerNetworks } from '../nas-docker';
import {
  databasesStateDir,
  listenAddresses,
  nasNetns,
  statusFromChecks,
  type NasDatabase,
} from './nas-database';
import { childProcesses, daemonState, killRemaining } from './processes';

const { port, user, password, database } = labDatabases.postgres;
const bin = '/usr/lib/postgresql/15/bin';
const dir = `${databasesStateDir}/postgres`;
const dataDir = `${dir}/data`;
const socketDir = `${dir}/socket`;
const pidfile = `${dir}/postgres.pid`;
const logfile = `${dir}/postgres.log`;
/**
 * setpriv's arguments to act as postgres: setpriv execs (runuser and su fork), so the pid
 * we record is the postmaster's.
 */
const asPostgres = ['--reuid=postgres', '--regid=postgres', '--init-groups'];

const hbaConfig = [
  '# Written by the Promstead test lab.',
  'local all postgres peer',
  'host all all 127.0.0.1/32 scram-sha-256',
  `host all all ${labSubnet} scram-sha-256`,
  // Exporters in containers on the NAS connect from Docker's networks, as on a real NAS.
  ...nasDockerNetworks.map((network) => `host all all ${network} scram-sha-256`),
  '',
].join('\n');

// psql fills in :'name' (a literal) and :"name" (an identifier) from -v, so no value is
// pasted into SQL by hand. \gexec runs the CREATE only when the role is missing.
const monitoringRoleSql = [
  `SELECT format('CREATE ROLE %I', :'user') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \\gexec`,
  `ALTER ROLE :"user" WITH LOGIN PASSWORD :'password';`,
  `GRANT pg_monitor TO :"user";`,
  '',
].join('\n');

async function initCluster(): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(socketDir, { recursive: true });
  await run('chown', ['-R', 'postgres:postgres', dir]);
  const initdbArgs = [
    ...asPostgres,
    `${bin}/initdb`,
    `--pgdata=${dataDir}`,
    '--username=postgres',
    '--auth-local=peer',
    '--auth-host=scram-sha-256',
    '--encoding=UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
    '--no-instructions',
  ];
  await run('setpriv', initdbArgs, { cwd: dir, timeoutMs: 120_000 });
  await writeFile(`${dataDir}/pg_hba.conf`, hbaConfig);
  await run('chown', ['postgres:postgres', `${dataDir}/pg_hba.conf`]);
}

async function accepts(address: string, netns: string): Promise<boolean> {
  const env = { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '2' };
  const args = [
    '-X',
    '-A',
    '-t',
    '-h',
    address,
    '-p',
    String(port),
    '-U',
    user,
    '-d',
    database,
    '-c',
    'select 1',
  ];
  const result = await run(`${bin}/psql`, args, { netns, env, timeoutMs: 10_000, allowFailure: true });
  return result.code === 0 && result.stdout.trim() === '1';
}

export const postgres: NasDatabase = {
  name: 'postgres',

  async up() {
    // Stopped, or still running in a lab-nas that has since been rebuilt: start afresh.
    if ((await daemonState(pidfile, nasNetns)) !== 'running') {
      await postgres.down();
      await initCluster();
      await startForegroundDaemon({
        argv: [
          'setpriv',
          ...asPostgres,
          `${bin}/postgres`,
          '-D',
          dataDir,
          '-p',
          String(port),
          '-k',
          socketDir,
          '-c',
          `listen_addresses=${listenAddresses.join(',')}`,
          '-c',
          'shared_buffers=32MB',
        ],
        netns: nasNetns,
        pidfile,
        logfile,
        cwd: dir,
      });
    }
    await waitFor(
      'Postgres to accept connections',
      () =>
        succeeds(`${bin}/pg_isready`, ['-q', '-h', socketDir, '-p', String(port), '-t', '1'], {
          netns: nasNetns,
        }),
      {
        timeoutMs: 30_000,
        intervalMs: 100,
      },
    );
    const psqlArgs = [
      ...asPostgres,
      `${bin}/psql`,
      '-X',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-h',
      socketDir,
      '-p',
      String(port),
      '-d',
      'postgres',
    ];
    await run('setpriv', [...psqlArgs, '-v', `user=${user}`, '-v', `password=${password}`], {
      input: monitoringRoleSql,
      cwd: dir,
      timeoutMs: 30_000,
    });
  },

  async down() {
    const pid = await readPid(pidfile);
    if (pid !== undefined && (await isAlive(pid))) {
      // SIGINT is the fast shutdown: it ends open sessions (an exporter's), where SIGTERM
      // (smart) waits for them to disconnect.
      process.kill(pid, 'SIGINT');
      const stopped = await waitFor('Postgres to shut down', async () => !(await isAlive(pid)), {
        timeoutMs: 10_000,
        intervalMs: 50,
      }).then(
        () => true,
        () => false,
      );
      if (!stopped) {
        // The postmaster's backends would outlive a SIGKILL of it: note them first.
        const children = await childProcesses(pid);
        await stopByPidfile(pidfile, 2000);
        await killRemaining(children);
      }
    }
    await rm(dir, { recursive: true, force: true });
  },

  async status(): Promise<ComponentStatus> {
    return statusFromChecks('postgres', await daemonState(pidfile, nasNetns), port, accepts);
  },
};
