// The catalog's .my.cnf read by the real mysqld_exporter: Debian's 0.14 binary, run from the
// workstation with the catalog's own arguments and a .my.cnf rendered and filled by the
// catalog, logs into the lab's MariaDB as a user whose password holds what the Go ini
// parser treats specially. mysql_up 1 says the exporter read the password exactly.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mysqlMonitoringUserSql,
  quoteMysqlString,
} from '../../electron/services/exporters/database-monitoring-sql';
import { fetchWhenReady, startProcess } from '../../electron/services/exporters/database-tool-checks';
import {
  MysqldExporterParamsSchema,
  mysqldExporter,
  mysqldExporterArgs,
  type MysqldExporterParams,
} from '../../electron/services/exporters/mysqld-exporter';
import { fillSecretTemplate, referencesSecrets } from '../../electron/services/exporters/secret-template';
import { freeLoopbackPort } from '../../electron/services/exporters/tool-checks';
import { run } from '../lab/core/command';
import { databasesStateDir } from '../lab/components/databases/nas-database';
import { labDatabases, labHosts, labImages } from '../lab/lab-facts';

const debianBinary = labImages.find((image) => image.repository === 'prom/mysqld-exporter')?.binary;
/** Where test/lab/components/databases/mariadb.ts starts MariaDB's socket; root logs in by it. */
const adminSocket = `${databasesStateDir}/mariadb/mariadbd.sock`;
/** Our own account, so the lab's monitoring user keeps its password. */
const testUser = 'promstead_it_mycnf';
const account = `${quoteMysqlString(testUser)}@'%'`;

async function asAdmin(sql: string): Promise<void> {
  // The statements go on stdin: no password or SQL in an argument list.
  await run('mariadb', ['--no-defaults', `--socket=${adminSocket}`, '--user=root', '--batch'], {
    input: sql,
    timeoutMs: 30_000,
  });
}

async function setPassword(password: string): Promise<void> {
  await asAdmin(`ALTER USER ${account} IDENTIFIED BY ${quoteMysqlString(password)} ACCOUNT UNLOCK;\n`);
}

let directory: string;

function paramsFor(targetVersion: string): MysqldExporterParams {
  return MysqldExporterParamsSchema.parse({
    databaseHost: labHosts.nas.address,
    databasePort: labDatabases.mariadb.port,
    databaseUser: testUser,
    passwordSecretId: 'it.mysql.password',
    targetVersion,
    configDirectory: directory,
  });
}

/** The .my.cnf as the deploy step writes it: rendered, then filled by fillSecretTemplate. */
function renderedMyCnf(params: MysqldExporterParams, password: string): { path: string; content: string } {
  const file = mysqldExporter.configFiles(params, 'systemd').find(referencesSecrets);
  if (!file) throw new Error('the catalog renders no credential file');
  return { path: file.path, content: fillSecretTemplate(file, () => password) };
}

/** Runs the exporter with the catalog's arguments and no DATA_SOURCE_NAME; one scrape. */
async function scrapeWith(
  params: MysqldExporterParams,
  content: string,
): Promise<{ metrics: string; log: string }> {
  const path = `${params.configDirectory}/.my.cnf`;
  await writeFile(path, content, { mode: 0o600 });
  await chmod(path, 0o600);
  const port = await freeLoopbackPort();
  if (!debianBinary) throw new Error('lab-facts lists no mysqld_exporter binary');
  // startProcess passes PATH only, so DATA_SOURCE_NAME is unset and 0.14 reads --config.my-cnf.
  const exporter = startProcess(debianBinary, mysqldExporterArgs(params, `127.0.0.1:${port}`));
  try {
    const metrics = await fetchWhenReady(exporter, `http://127.0.0.1:${port}/metrics`);
    return { metrics, log: exporter.output() };
  } finally {
    exporter.stop();
  }
}

beforeAll(async () => {
  directory = await mkdtemp('/tmp/promstead-it-my-cnf-');
  // The catalog's own grants for MariaDB 10.11, on a fresh account (a crashed run's is dropped).
  await asAdmin(
    `DROP USER IF EXISTS ${account};\n` +
      mysqlMonitoringUserSql(testUser, '%', { flavour: 'mariadb', version: '10.11.0' }),
  );
});

afterAll(async () => {
  await asAdmin(`DROP USER IF EXISTS ${account};\n`);
  if (directory) await rm(directory, { recursive: true, force: true });
});

describe('the catalog’s .my.cnf read by Debian’s mysqld_exporter 0.14 against the lab MariaDB', () => {
  it.each([
    // Leading space, # ; " inside, a backtick and a closing ": written in """…""".
    ['a backtick with # ; " and spaces', ' #;"a b`c"', 'password=""" #;"a b`c""""\n'],
    // Trailing space, ' # ; ": written in backticks.
    ['# ; " \' and a trailing space', 'it\'s #; "q" ', 'password=`it\'s #; "q" `\n'],
    // 0.14 reads $ as it is (0.15 and later would expand it, and the catalog refuses it there).
    ['$ for 0.14', 'pa$HOME$x', 'password=pa$HOME$x\n'],
  ])('%s: mysql_up 1', async (_what, password, passwordLine) => {
    await setPassword(password);
    const params = paramsFor('0.14.0');
    const myCnf = renderedMyCnf(params, password);
    expect(myCnf.path).toBe(`${directory}/.my.cnf`);
    expect(myCnf.content).toContain(passwordLine);
    const { metrics, log } = await scrapeWith(params, myCnf.content);
    expect(metrics, log).toMatch(/^mysql_up 1$/m);
  });

  it('the exporter really checks the password: the former "…" encoding of a # password gives mysql_up 0', async () => {
    await setPassword('hash#tag');
    const params = paramsFor('0.14.0');
    const former = renderedMyCnf(params, 'hash#tag').content.replace(/^password=.*$/m, 'password="hash#tag"');
    const { metrics, log } = await scrapeWith(params, former);
    expect(metrics).toMatch(/^mysql_up 0$/m);
    expect(log).toContain('Access denied');
  });

  it('the same $ password is refused when rendering for 0.15, which would expand it', () => {
    expect(() => renderedMyCnf(paramsFor('0.15.1'), 'pa$HOME$x')).toThrow(/mysqld_exporter 0\.14/);
  });
});
