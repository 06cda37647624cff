import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigFile } from './catalog-types';
import { renderComposeFile } from './compose-file';
import { mysqlMonitoringUserSql, quoteMysqlString } from './database-monitoring-sql';
import { fetchWhenReady, startProcess } from './database-tool-checks';
import {
  MysqldExporterParamsSchema,
  MysqldExporterRenderError,
  mysqldExporter,
  mysqldExporterArgs,
} from './mysqld-exporter';
import { fillSecretTemplate, referencesSecrets, type SecretTemplate } from './secret-template';
import { freeLoopbackPort, runTool, withTempFiles } from './tool-checks';

const debianBinary = '/usr/bin/prometheus-mysqld-exporter';
const current = MysqldExporterParamsSchema.parse({ passwordSecretId: 'mysql.exporter-password' });
const debian = MysqldExporterParamsSchema.parse({
  passwordSecretId: 'mysql.exporter-password',
  targetVersion: '0.14.0',
  binaryPath: debianBinary,
});

function credentialFile(
  params = current,
  style: 'docker' | 'compose' | 'systemd' = 'docker',
): ConfigFile & SecretTemplate {
  const file = mysqldExporter.configFiles(params, style).find(referencesSecrets);
  if (!file) throw new Error('no credential file');
  return file;
}

function fill(file: ConfigFile & SecretTemplate, password: string): string {
  return fillSecretTemplate(file, () => password);
}

describe('mysqld_exporter params', () => {
  it.each([
    {},
    { passwordSecretId: 'x', password: 'hunter2' },
    { passwordSecretId: 'x', databaseUser: "exporter'@'%" },
    { passwordSecretId: 'x', databaseUser: 'exporter:pw' },
    { passwordSecretId: 'x', databaseUser: 'exp$(id)' },
    { passwordSecretId: 'x', databaseHost: 'db.lan)/?x=(' },
    { passwordSecretId: 'x', databaseHost: 'db.lan\nhost=evil' },
    { passwordSecretId: 'x', targetVersion: '0.15' },
    { passwordSecretId: 'x', targetVersion: '0.15.0; id' },
    { passwordSecretId: 'x', collectors: ['global_status', 'global_status'] },
    { passwordSecretId: 'x', collectors: ['global_status --config.my-cnf=/root/.my.cnf'] },
    { passwordSecretId: 'x', configDirectory: '/etc/my cnf' },
  ])('refuses %j', (input) => {
    expect(MysqldExporterParamsSchema.safeParse(input).success).toBe(false);
  });
});

describe('mysqld_exporter credentials follow the target version', () => {
  it('0.15: a 0600 .my.cnf template and --config.my-cnf', () => {
    const file = credentialFile();
    expect(file).toMatchObject({
      path: '/etc/promstead/mysqld_exporter/.my.cnf',
      mode: 0o600,
      owner: '65534:65534',
    });
    expect(file.content).toBe(
      '[client]\nuser=exporter\npassword=((promstead-secret:mysql.exporter-password))\nhost=localhost\nport=3306\n',
    );
    expect(file).toMatchObject({ secretRefs: ['mysql.exporter-password'], secretEncoding: 'my-cnf' });
    expect(fill(file, 'p"a ss;#')).toContain('password=`p"a ss;#`');
    expect(fill(file, 'pa$s#1')).toContain('password="pa$s#1"');
    expect(() => fill(file, 'a"b`c')).toThrow();
    expect(() => fill(file, 'a\nhost=evil')).toThrow();
    expect(mysqldExporterArgs(current, '0.15.1', ':9104')[0]).toBe(
      '--config.my-cnf=/etc/promstead/mysqld_exporter/.my.cnf',
    );
  });

  it('0.14: DATA_SOURCE_NAME from a root-only env file, no --config.my-cnf', () => {
    const file = credentialFile(debian, 'systemd');
    expect(file).toMatchObject({
      path: '/etc/promstead/mysqld_exporter/mysqld_exporter.env',
      mode: 0o600,
      owner: 'root:root',
      secretEncoding: 'systemd-env',
    });
    expect(fill(file, 'p"w$x\\')).toBe('DATA_SOURCE_NAME="exporter:p\\"w\\$x\\\\@tcp(localhost:3306)/"\n');
    const compose = credentialFile(debian, 'compose');
    expect(fill(compose, 'p"w$x')).toBe("DATA_SOURCE_NAME='exporter:p\"w$x@tcp(localhost:3306)/'\n");
    expect(() => fill(compose, "it's")).toThrow();
    expect(mysqldExporterArgs(debian, '0.14.0', ':9104').join(' ')).not.toContain('my-cnf');
    expect(mysqldExporter.systemdUnit(debian)).toContain(
      'EnvironmentFile=/etc/promstead/mysqld_exporter/mysqld_exporter.env',
    );
  });

  it('refuses a plain Docker container for 0.14, where the DSN would sit in the plan', () => {
    expect(() => mysqldExporter.dockerContainer(debian, {})).toThrow(MysqldExporterRenderError);
    expect(() => mysqldExporter.dockerContainer(current, { version: '0.14.0' })).toThrow(
      MysqldExporterRenderError,
    );
    const compose = mysqldExporter.composeService(debian, {}).service;
    expect(compose).toMatchObject({ env_file: ['/etc/promstead/mysqld_exporter/mysqld_exporter.env'] });
    expect(compose.image).toBe('prom/mysqld-exporter:v0.14.0');
  });

  it('never puts the secret id or a password into the container or unit', () => {
    const rendered = [
      JSON.stringify(mysqldExporter.dockerContainer(current, {})),
      mysqldExporter.systemdUnit(current),
      mysqldExporter.systemdUnit(debian),
      renderComposeFile([mysqldExporter.composeService(debian, {})]),
    ].join('\n');
    expect(rendered).not.toMatch(/mysql\.exporter-password|DATA_SOURCE_NAME=|password=/);
  });
});

describe('mysqld_exporter artefacts', () => {
  it('renders the golden files', async () => {
    await expect(mysqldExporter.systemdUnit(current)).toMatchFileSnapshot(
      '__golden__/mysqld_exporter.service',
    );
    await expect(mysqldExporter.systemdUnit(debian)).toMatchFileSnapshot(
      '__golden__/mysqld_exporter-0.14.service',
    );
    await expect(mysqldExporter.installScript(current, {})).toMatchFileSnapshot(
      '__golden__/mysqld_exporter-install.sh',
    );
    await expect(mysqldExporter.uninstallScript(current)).toMatchFileSnapshot(
      '__golden__/mysqld_exporter-uninstall.sh',
    );
    await expect(
      JSON.stringify(mysqldExporter.dockerContainer(current, {}), null, 2) + '\n',
    ).toMatchFileSnapshot('__golden__/mysqld_exporter-container.json.golden');
    await expect(renderComposeFile([mysqldExporter.composeService(current, {})])).toMatchFileSnapshot(
      '__golden__/mysqld_exporter-compose.yml.golden',
    );
    await expect(renderComposeFile([mysqldExporter.composeService(debian, {})])).toMatchFileSnapshot(
      '__golden__/mysqld_exporter-0.14-compose.yml.golden',
    );
  });

  it('scrapes one job and proves itself with mysql_up', () => {
    expect(mysqldExporter.scrapeJobs(current, { host: 'db.lan', tier: 'critical' }).jobs[0]).toMatchObject({
      jobName: 'mysql',
      staticConfigs: [{ targets: ['db.lan:9104'], labels: { role: 'database' } }],
    });
    expect(mysqldExporter.proofMetrics()).toEqual(['mysql_up', 'mysqld_exporter_build_info']);
  });

  it('renders least-privilege grants per flavour, SLAVE MONITOR on MariaDB 10.5.9 and later', () => {
    const mysql = mysqlMonitoringUserSql('exporter', '%', { flavour: 'mysql', version: '8.0.36' });
    expect(mysql).toContain("CREATE USER IF NOT EXISTS 'exporter'@'%' ACCOUNT LOCK;");
    expect(mysql).toContain("GRANT PROCESS, REPLICATION CLIENT, SELECT ON *.* TO 'exporter'@'%';");
    expect(
      mysqlMonitoringUserSql('exporter', '10.0.0.%', { flavour: 'mariadb', version: '10.11.6' }),
    ).toContain("GRANT PROCESS, REPLICATION CLIENT, SELECT, SLAVE MONITOR ON *.* TO 'exporter'@'10.0.0.%';");
    expect(mysqlMonitoringUserSql('exporter', '%', { flavour: 'mariadb', version: '10.3.39' })).not.toContain(
      'SLAVE MONITOR',
    );
    expect(quoteMysqlString("a'b\\")).toBe("'a''b\\\\'");
  });
});

describe('mysqld_exporter checked by the real tools', () => {
  it.each([
    ['0.15', { ...current, binaryPath: debianBinary }],
    ['0.14', debian],
  ])('passes systemd-analyze verify (%s)', async (_label, params) => {
    await withTempFiles(
      { 'mysqld_exporter.service': mysqldExporter.systemdUnit(params) },
      async (directory) => {
        const result = await runTool('systemd-analyze', [
          'verify',
          '--man=no',
          join(directory, 'mysqld_exporter.service'),
        ]);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
      },
    );
  });

  it('passes bash -n on the install and uninstall scripts', async () => {
    await withTempFiles(
      {
        'install.sh': mysqldExporter.installScript(debian, {}),
        'uninstall.sh': mysqldExporter.uninstallScript(debian),
      },
      async (directory) => {
        for (const script of ['install.sh', 'uninstall.sh']) {
          const result = await runTool('bash', ['-n', join(directory, script)]);
          expect(result.stderr).toBe('');
          expect(result.code).toBe(0);
        }
      },
    );
  });

  it('runs Debian mysqld_exporter 0.14 with the rendered DSN: mysql_up 0 without a server', async () => {
    const port = await freeLoopbackPort();
    const deadPort = await freeLoopbackPort();
    const params = { ...debian, databaseHost: '127.0.0.1', databasePort: deadPort };
    const envLine = fill(credentialFile(params, 'compose'), 'p@ss/w:rd');
    const dataSourceName = /^DATA_SOURCE_NAME='(.*)'$/m.exec(envLine)?.[1] ?? '';
    const exporter = startProcess(debianBinary, mysqldExporterArgs(params, '0.14.0', `127.0.0.1:${port}`), {
      DATA_SOURCE_NAME: dataSourceName,
    });
    try {
      const metrics = await fetchWhenReady(exporter, `http://127.0.0.1:${port}/metrics`);
      expect(metrics).toMatch(/^mysql_up 0$/m);
      expect(metrics).toMatch(/^mysqld_exporter_build_info\{/m);
      // It dialled the rendered address, so the DSN with / @ : in the password parsed.
      expect(exporter.output()).toContain(`127.0.0.1:${deadPort}`);
    } finally {
      exporter.stop();
    }
  });
});
