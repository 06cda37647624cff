import { existsSync, readdirSync } from 'node:fs';
import { chown, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderComposeFile } from './compose-file';
import { postgresMonitoringUserSql, quotePostgresIdentifier } from './database-monitoring-sql';
import { fetchWhenReady, startProcess, waitForOutput } from './database-tool-checks';
import {
  PostgresExporterParamsSchema,
  postgresExporter,
  postgresExporterArgs,
  postgresExporterEnvironment,
  postgresQueriesYaml,
} from './postgres-exporter';
import { fillSecretTemplate, referencesSecrets } from './secret-template';
import { freeLoopbackPort, runTool, withTempFiles } from './tool-checks';

const debianBinary = '/usr/bin/prometheus-postgres-exporter';
/** Debian's server binaries, when the lab has them: initdb and postgres refuse root, so they run as nobody. */
const postgresBin = existsSync('/usr/lib/postgresql')
  ? readdirSync('/usr/lib/postgresql')
      .map((version) => `/usr/lib/postgresql/${version}/bin`)
      .find((directory) => existsSync(`${directory}/initdb`))
  : undefined;
const asNobody = ['--reuid=65534', '--regid=65534', '--clear-groups'];
const defaults = PostgresExporterParamsSchema.parse({ passwordSecretId: 'postgres.exporter-password' });

describe('postgres_exporter params', () => {
  it('has the seed defaults', () => {
    expect(defaults).toMatchObject({
      port: 9187,
      databasePort: 5432,
      database: 'postgres',
      databaseUser: 'postgres_exporter',
      customQueries: true,
    });
  });

  it.each([
    {},
    { passwordSecretId: '../../etc/shadow' },
    { passwordSecretId: 'x', password: 'hunter2' },
    { passwordSecretId: 'x', databaseHost: 'db.lan; rm -rf /' },
    { passwordSecretId: 'x', databaseHost: '$(id)' },
    { passwordSecretId: 'x', databaseHost: 'db.lan/other?sslmode=disable' },
    { passwordSecretId: 'x', databaseHost: 'user:pw@db.lan' },
    { passwordSecretId: 'x', databaseHost: '-db.lan' },
    { passwordSecretId: 'x', databaseUser: "exporter'; DROP ROLE postgres; --" },
    { passwordSecretId: 'x', databaseUser: 'ex"porter' },
    { passwordSecretId: 'x', databaseUser: 'a b' },
    { passwordSecretId: 'x', databaseUser: '`id`' },
    { passwordSecretId: 'x', database: 'db?sslmode=disable' },
    { passwordSecretId: 'x', database: 'db\nDATA_SOURCE_NAME=x' },
    { passwordSecretId: 'x', sslMode: 'allow' },
    { passwordSecretId: 'x', databasePort: 0 },
    { passwordSecretId: 'x', configDirectory: '/etc/../root' },
    { passwordSecretId: 'x', user: 'root; id' },
    { passwordSecretId: 'x', listenAddress: 'example.com' },
  ])('refuses %j', (input) => {
    expect(PostgresExporterParamsSchema.safeParse(input).success).toBe(false);
  });

  it('accepts IPv6 and DNS hosts', () => {
    for (const databaseHost of ['fd00::5', '192.168.1.20', 'postgres', 'db-1.home.lan']) {
      expect(PostgresExporterParamsSchema.safeParse({ passwordSecretId: 'x', databaseHost }).success).toBe(
        true,
      );
    }
    const v6 = PostgresExporterParamsSchema.parse({ passwordSecretId: 'x', databaseHost: 'fd00::5' });
    expect(postgresExporterEnvironment(v6).DATA_SOURCE_URI).toBe('[fd00::5]:5432/postgres?sslmode=disable');
  });
});

describe('postgres_exporter artefacts', () => {
  it('keeps the password in a 0600 file from its secret id, never in the environment', () => {
    const files = postgresExporter.configFiles(defaults, 'docker');
    expect(files).toContainEqual({
      path: '/etc/promstead/postgres_exporter/password',
      mode: 0o600,
      owner: '65534:65534',
      content: '((promstead-secret:postgres.exporter-password))',
      secretRefs: ['postgres.exporter-password'],
      secretEncoding: 'raw',
    });
    expect(postgresExporterEnvironment(defaults)).toEqual({
      DATA_SOURCE_URI: 'localhost:5432/postgres?sslmode=disable',
      DATA_SOURCE_USER: 'postgres_exporter',
      DATA_SOURCE_PASS_FILE: '/etc/promstead/postgres_exporter/password',
    });
    const systemdFiles = postgresExporter.configFiles(defaults, 'systemd');
    expect(systemdFiles.find(referencesSecrets)?.owner).toBe('postgres_exporter:postgres_exporter');
  });

  it('ships the seed queries file, parseable YAML with LABEL and GAUGE columns', async () => {
    const queries = postgresExporter
      .configFiles(defaults, 'compose')
      .find((file) => file.path.endsWith('.yaml'));
    expect(queries?.path).toBe('/etc/promstead/postgres_exporter/postgres_queries.yaml');
    const parsed = parse(postgresQueriesYaml) as Record<string, { query: string; metrics: object[] }>;
    expect(Object.keys(parsed)).toEqual(['pg_database_size', 'pg_table_bloat']);
    await expect(postgresQueriesYaml).toMatchFileSnapshot('__golden__/postgres_queries.yaml.golden');
    const withoutQueries = PostgresExporterParamsSchema.parse({
      passwordSecretId: 'x',
      customQueries: false,
    });
    expect(postgresExporterArgs(withoutQueries, ':9187')).toEqual(['--web.listen-address=:9187']);
  });

  it('renders the systemd unit and scripts', async () => {
    await expect(postgresExporter.systemdUnit(defaults)).toMatchFileSnapshot(
      '__golden__/postgres_exporter.service',
    );
    await expect(postgresExporter.installScript(defaults, {})).toMatchFileSnapshot(
      '__golden__/postgres_exporter-install.sh',
    );
    await expect(postgresExporter.uninstallScript(defaults)).toMatchFileSnapshot(
      '__golden__/postgres_exporter-uninstall.sh',
    );
  });

  it('renders the container and compose service', async () => {
    const container = postgresExporter.dockerContainer(defaults, {
      imageRegistryMirror: 'registry.lan:5000',
    });
    expect(container.Image).toBe('registry.lan:5000/prometheuscommunity/postgres-exporter:v0.15.0');
    await expect(JSON.stringify(container, null, 2) + '\n').toMatchFileSnapshot(
      '__golden__/postgres_exporter-container.json.golden',
    );
    await expect(renderComposeFile([postgresExporter.composeService(defaults, {})])).toMatchFileSnapshot(
      '__golden__/postgres_exporter-compose.yml.golden',
    );
  });

  it('scrapes one job with labels and proves itself with pg_up', () => {
    expect(postgresExporter.scrapeJobs(defaults, { host: 'db.lan', tier: 'standard' }).jobs).toEqual([
      {
        jobName: 'postgres',
        tier: 'standard',
        staticConfigs: [
          { targets: ['db.lan:9187'], labels: { role: 'database', database_host: 'localhost:5432' } },
        ],
      },
    ]);
    expect(postgresExporter.proofMetrics()).toEqual(['pg_up', 'postgres_exporter_build_info']);
  });

  it('renders the least-privilege role with quoted identifiers', () => {
    expect(postgresMonitoringUserSql('postgres_exporter', 'postgres')).toBe(
      [
        '-- Monitoring role for postgres_exporter (rendered by Promstead). Run as a superuser.',
        'CREATE ROLE "postgres_exporter" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE CONNECTION LIMIT 3;',
        'GRANT pg_monitor TO "postgres_exporter";',
        'GRANT CONNECT ON DATABASE "postgres" TO "postgres_exporter";',
        'ALTER ROLE "postgres_exporter" SET search_path = pg_catalog, public;',
        '-- Then set its password from psql, which prompts for it and keeps it out of history:',
        '--   \\password "postgres_exporter"',
        '',
      ].join('\n'),
    );
    expect(quotePostgresIdentifier('a"b; DROP')).toBe('"a""b; DROP"');
  });
});

describe('postgres_exporter checked by the real tools', () => {
  it('passes systemd-analyze verify with no output on stderr', async () => {
    const params = PostgresExporterParamsSchema.parse({
      passwordSecretId: 'x',
      binaryPath: debianBinary,
      databaseHost: 'fd00::5',
      listenAddress: '::1',
    });
    await withTempFiles(
      { 'postgres_exporter.service': postgresExporter.systemdUnit(params) },
      async (directory) => {
        const result = await runTool('systemd-analyze', [
          'verify',
          '--man=no',
          join(directory, 'postgres_exporter.service'),
        ]);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
      },
    );
  });

  it('passes bash -n on the install and uninstall scripts', async () => {
    await withTempFiles(
      {
        'install.sh': postgresExporter.installScript(defaults, {}),
        'uninstall.sh': postgresExporter.uninstallScript(defaults),
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

  it('runs Debian postgres_exporter 0.11 with the rendered files and environment: pg_up 0 without a server', async () => {
    const port = await freeLoopbackPort();
    const deadPort = await freeLoopbackPort();
    await withTempFiles({}, async (directory) => {
      const params = PostgresExporterParamsSchema.parse({
        passwordSecretId: 'x',
        configDirectory: directory,
        databaseHost: '127.0.0.1',
        databasePort: deadPort,
        listenAddress: '127.0.0.1',
        port,
      });
      for (const file of postgresExporter.configFiles(params, 'systemd')) {
        if ('content' in file)
          await writeFile(
            file.path,
            fillSecretTemplate(file, () => 'not-the-real-password\n'),
            {
              mode: file.mode,
            },
          );
      }
      const exporter = startProcess(
        debianBinary,
        postgresExporterArgs(params, `127.0.0.1:${port}`),
        postgresExporterEnvironment(params),
      );
      try {
        const metrics = await fetchWhenReady(exporter, `http://127.0.0.1:${port}/metrics`);
        expect(metrics).toMatch(/^pg_up 0$/m);
        expect(metrics).toMatch(/^postgres_exporter_build_info\{/m);
        // The password file was read; the URI it logs has the password removed.
        expect(exporter.output()).not.toContain('not-the-real-password');
      } finally {
        exporter.stop();
      }
    });
  });

  it.skipIf(postgresBin === undefined)(
    'runs it against a real PostgreSQL with the rendered role: pg_up 1 and the custom queries parse',
    async () => {
      const serverPort = await freeLoopbackPort();
      const port = await freeLoopbackPort();
      await withTempFiles({}, async (directory) => {
        await chown(directory, 65_534, 65_534);
        const init = await runTool('setpriv', [
          ...asNobody,
          `${postgresBin}/initdb`,
          '-D',
          join(directory, 'data'),
          '-A',
          'trust',
          '-U',
          'postgres',
        ]);
        expect(init.code).toBe(0);
        const server = startProcess('setpriv', [
          ...asNobody,
          `${postgresBin}/postgres`,
          '-D',
          join(directory, 'data'),
          '-k',
          directory,
          '-p',
          String(serverPort),
          '-c',
          'listen_addresses=127.0.0.1',
        ]);
        try {
          await waitForOutput(server, /ready to accept connections/);
          await writeFile(
            join(directory, 'role.sql'),
            postgresMonitoringUserSql('postgres_exporter', 'postgres'),
          );
          const psql = await runTool(`${postgresBin}/psql`, [
            '-v',
            'ON_ERROR_STOP=1',
            '-h',
            '127.0.0.1',
            '-p',
            String(serverPort),
            '-U',
            'postgres',
            '-f',
            join(directory, 'role.sql'),
          ]);
          expect(psql.stderr).toBe('');
          const params = PostgresExporterParamsSchema.parse({
            passwordSecretId: 'x',
            configDirectory: directory,
            databaseHost: '127.0.0.1',
            databasePort: serverPort,
            port,
          });
          for (const file of postgresExporter.configFiles(params, 'systemd')) {
            if ('content' in file)
              await writeFile(
                file.path,
                fillSecretTemplate(file, () => 'unused-with-trust\n'),
                {
                  mode: file.mode,
                },
              );
          }
          const exporter = startProcess(
            debianBinary,
            postgresExporterArgs(params, `127.0.0.1:${port}`),
            postgresExporterEnvironment(params),
          );
          try {
            const url = `http://127.0.0.1:${port}/metrics`;
            await fetchWhenReady(exporter, url);
            // User queries load once the server version is known, i.e. after the first scrape.
            const metrics = await fetchWhenReady(exporter, url);
            expect(metrics).toMatch(/^pg_up 1$/m);
            expect(metrics).toMatch(/^pg_database_size_size_bytes\{.*database="postgres".*\} \d/m);
            expect(exporter.output()).not.toMatch(/user queries|Failed to parse/i);
          } finally {
            exporter.stop();
          }
        } finally {
          server.stop();
        }
      });
    },
  );
});
