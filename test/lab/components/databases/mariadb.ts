// MariaDB 10.11 on the NAS: a fresh data dir from mariadb-install-db (root by unix socket
// only), and the monitoring user with what mysqld_exporter needs, from any host.
import { mkdir, rm } from 'node:fs/promises';
import { run, succeeds } from '../../core/command';
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

const { port, user, password } = labDatabases.mariadb;
const dir = `${databasesStateDir}/mariadb`;
const dataDir = `${dir}/data`;
const tmpDir = `${dir}/tmp`;
const socket = `${dir}/mariadbd.sock`;
const pidfile = `${dir}/mariadbd.pid`;
const logfile = `${dir}/mariadbd.log`;

/** A quoted SQL string literal (the lab's own constants, but quoted properly all the same). */
function sqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

function monitoringUserSql(): string {
  const account = `${sqlString(user)}@'%'`;
  return [
    `CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY ${sqlString(password)};`,
    `ALTER USER ${account} IDENTIFIED BY ${sqlString(password)};`,
    // What mysqld_exporter's docs ask for, plus SLAVE MONITOR: since MariaDB 10.5.9 SHOW
    // SLAVE STATUS needs it, and without it the exporter's slave_status scraper fails on
    // every scrape (mysql_exporter_last_scrape_error 1).
    `GRANT PROCESS, REPLICATION CLIENT, SLAVE MONITOR, SELECT ON *.* TO ${account};`,
    '',
  ].join('\n');
}

async function accepts(address: string, netns: string): Promise<boolean> {
  const args = [
    '--no-defaults',
    '-h',
    address,
    '-P',
    String(port),
    '-u',
    user,
    '--connect-timeout=2',
    '-N',
    '-B',
    '-e',
    'select 1',
  ];
  const result = await run('mariadb', args, {
    netns,
    env: { ...process.env, MYSQL_PWD: password },
    timeoutMs: 10_000,
    allowFailure: true,
  });
  return result.code === 0 && result.stdout.trim() === '1';
}

export const mariadb: NasDatabase = {
  name: 'mariadb',

  async up() {
    // Stopped, or still running in a lab-nas that has since been rebuilt: start afresh.
    if ((await daemonState(pidfile, nasNetns)) !== 'running') {
      await mariadb.down();
      await mkdir(tmpDir, { recursive: true });
      // --no-defaults everywhere: nothing from /etc/mysql, so no system socket or data dir.
      const installArgs = [
        '--no-defaults',
        `--datadir=${dataDir}`,
        '--user=root',
        '--auth-root-authentication-method=socket',
        '--skip-test-db',
        '--skip-name-resolve',
        // Passed on to the server; 8 MB rather than 96 MB of redo log in /tmp per lab.
        '--innodb-log-file-size=8M',
      ];
      await run('mariadb-install-db', installArgs, { cwd: dir, timeoutMs: 120_000 });
      await startForegroundDaemon({
        argv: [
          'mariadbd',
          '--no-defaults',
          '--user=root',
          `--datadir=${dataDir}`,
          `--port=${port}`,
          // 10.11 takes a comma-separated list.
          `--bind-address=${listenAddresses.join(',')}`,
          `--socket=${socket}`,
          `--pid-file=${pidfile}`,
          `--tmpdir=${tmpDir}`,
          // No reverse DNS lookups of clients: there is no resolver in the lab.
          '--skip-name-resolve',
          '--innodb-buffer-pool-size=16M',
          '--innodb-log-file-size=8M',
        ],
        netns: nasNetns,
        pidfile,
        logfile,
        cwd: dir,
      });
    }
    const rootArgs = ['--no-defaults', `--socket=${socket}`, '--user=root'];
    await waitFor(
      'MariaDB to accept connections',
      () => succeeds('mariadb-admin', [...rootArgs, '--connect-timeout=1', 'ping'], { netns: nasNetns }),
      {
        timeoutMs: 30_000,
        intervalMs: 100,
      },
    );
    await run('mariadb', rootArgs, { netns: nasNetns, input: monitoringUserSql(), timeoutMs: 30_000 });
  },

  async down() {
    // SIGTERM is a clean shutdown for mariadbd; it is one process (threads), nothing to orphan.
    await stopByPidfile(pidfile, 15_000);
    await rm(dir, { recursive: true, force: true });
  },

  async status(): Promise<ComponentStatus> {
    return statusFromChecks('mariadb', await daemonState(pidfile, nasNetns), port, accepts);
  },
};
