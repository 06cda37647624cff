import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigFile } from './catalog-types';
import { renderComposeFile } from './compose-file';
import { mysqlMonitoringUserSql, quoteMysqlString } from './database-monitoring-sql';
import { fetchWhenReady, startProcess } from './database-tool-checks';
import { MysqldExporterParamsSchema, mysqldExporter, mysqldExporterArgs } from './mysqld-exporter';
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

describe('mysqld_exporter credentials: a .my.cnf written for the target version', () => {
  it('0.15: a 0600 .my.cnf template, encoded for a parser that expands $, and --config.my-cnf', () => {
    const file = credentialFile();
    expect(file).toMatchObject({
      path: '/etc/promstead/mysqld_exporter/.my.cnf',
      mode: 0o600,
      owner: '65534:65534',
    });
    expect(file.content).toBe(
      '[client]\nuser=exporter\npassword=((promstead-secret:mysql.exporter-password))\nhost=localhost\nport=3306\n',
    );
    expect(file).toMatchObject({
      secretRefs: ['mysql.exporter-password'],
      secretEncoding: 'my-cnf-expand-env',
    });
    expect(fill(file, 'hunter2')).toContain('password=hunter2\n');
    expect(fill(file, 'p"a ss;#')).toContain('password=`p"a ss;#`\n');
    expect(fill(file, ' a`b"')).toContain('password=""" a`b""""\n');
    expect(() => fill(file, 'pa$s')).toThrow(/without \$, or target mysqld_exporter 0\.14/);
    expect(() => fill(file, 'a\nhost=evil')).toThrow();
    expect(mysqldExporterArgs(current, ':9104')[0]).toBe(
      '--config.my-cnf=/etc/promstead/mysqld_exporter/.my.cnf',
    );
    expect(credentialFile({ ...current, user: 'mysqlexp' }, 'systemd').owner).toBe('mysqlexp:mysqlexp');
  });

  it('0.14: the same .my.cnf, where $ is literal and an IPv6 host goes in brackets', () => {
    const file = credentialFile(debian, 'systemd');
    expect(file).toMatchObject({
      path: '/etc/promstead/mysqld_exporter/.my.cnf',
      mode: 0o600,
      owner: 'mysqld_exporter:mysqld_exporter',
      secretEncoding: 'my-cnf',
    });
    expect(fill(file, 'pa$HOME')).toContain('password=pa$HOME\n');
    expect(() => fill(file, 'pa?ss')).toThrow(/without \?/);
    // 0.14 formats tcp(host:port) itself; 0.15 uses net.JoinHostPort, which adds the brackets.
    expect(credentialFile({ ...debian, databaseHost: 'fd00::5' }).content).toContain('host=[fd00::5]\n');
    expect(credentialFile({ ...current, databaseHost: 'fd00::5' }).content).toContain('host=fd00::5\n');
    expect(mysqldExporter.systemdUnit(debian)).not.toMatch(/EnvironmentFile|DATA_SOURCE_NAME/);
  });

  it('renders a plain container and compose service for 0.14 with the .my.cnf bound read-only', () => {
    for (const spec of [
      mysqldExporter.dockerContainer(debian, {}),
      mysqldExporter.dockerContainer(current, { version: '0.14.0' }),
    ]) {
      expect(spec.Image).toBe('prom/mysqld-exporter:v0.14.0');
      expect(spec.Cmd?.[0]).toBe('--config.my-cnf=/etc/promstead/mysqld_exporter/.my.cnf');
      expect(spec.HostConfig?.Binds).toEqual([
        '/etc/promstead/mysqld_exporter:/etc/promstead/mysqld_exporter:ro',
      ]);
      expect(spec.Env ?? []).toEqual([]);
    }
    const compose = mysqldExporter.composeService(debian, {}).service;
    expect(compose).toMatchObject({
      volumes: ['/etc/promstead/mysqld_exporter:/etc/promstead/mysqld_exporter:ro'],
    });
    expect(compose).not.toHaveProperty('env_file');
    expect(compose.image).toBe('prom/mysqld-exporter:v0.14.0');
  });

  it('never puts the secret id or a password into the container or unit', () => {
    const rendered = [
      JSON.stringify(mysqldExporter.dockerContainer(current, {})),
      JSON.stringify(mysqldExporter.dockerContainer(debian, {})),
      mysqldExporter.systemdUnit(current),
      mysqldExporter.systemdUnit(debian),
      renderComposeFile([mysqldExporter.composeService(debian, {})]),
    ].join('\n');
    expect(rendered).not.toMatch(/mysql\.exporter-password|DATA_SOURCE_NAME|password=/);
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
    await expect(
      JSON.stringify(mysqldExporter.dockerContainer(debian, {}), null, 2) + '\n',
    ).toMatchFileSnapshot('__golden__/mysqld_exporter-0.14-container.json.golden');
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

  it('runs Debian mysqld_exporter 0.14 with the rendered .my.cnf: mysql_up 0 without a server', async () => {
    const port = await freeLoopbackPort();
    const deadPort = await freeLoopbackPort();
    await withTempFiles({}, async (directory) => {
      const params = { ...debian, configDirectory: directory, databaseHost: '::1', databasePort: deadPort };
      const file = credentialFile(params, 'systemd');
      await writeFile(file.path, fill(file, 'p@ss/w:rd#'), { mode: 0o600 });
      // DATA_SOURCE_NAME unset: 0.14 then reads --config.my-cnf.
      const exporter = startProcess(debianBinary, mysqldExporterArgs(params, `127.0.0.1:${port}`), {});
      try {
        const metrics = await fetchWhenReady(exporter, `http://127.0.0.1:${port}/metrics`);
        expect(metrics).toMatch(/^mysql_up 0$/m);
        expect(metrics).toMatch(/^mysqld_exporter_build_info\{/m);
        // It dialled the rendered address, bracketed IPv6 and all, so the file parsed.
        expect(exporter.output()).toContain(`dial tcp [::1]:${deadPort}`);
      } finally {
        exporter.stop();
      }
    });
  });
});
