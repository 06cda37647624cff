import { describe, expect, it } from 'vitest';
import { renderComposeFile } from './compose-file';
import type { ConfigFile } from './catalog-types';
import {
  MongodbExporterParamsSchema,
  MongodbExporterRenderError,
  mongodbExporter,
  mongodbExporterArgs,
} from './mongodb-exporter';
import { fillSecretTemplate, referencesSecrets, type SecretTemplate } from './secret-template';

const defaults = MongodbExporterParamsSchema.parse({ passwordSecretId: 'mongodb.exporter-password' });

function credentialFile(): ConfigFile & SecretTemplate {
  const file = mongodbExporter.configFiles(defaults).find(referencesSecrets);
  if (!file) throw new Error('no credential file');
  return file;
}

describe('mongodb_exporter params', () => {
  it.each([
    {},
    { passwordSecretId: 'x', uri: 'mongodb://root:pw@db' },
    { passwordSecretId: 'x', databaseHost: 'db/?authSource=admin' },
    { passwordSecretId: 'x', databaseHost: 'a@b' },
    { passwordSecretId: 'x', databaseUser: 'user:pw' },
    { passwordSecretId: 'x', databaseUser: 'us%40er' },
    { passwordSecretId: 'x', authSource: 'admin&tls=false' },
    { passwordSecretId: 'x', collectors: ['dbstats; id'] },
    { passwordSecretId: 'x', collectors: ['dbstats', 'dbstats'] },
  ])('refuses %j', (input) => {
    expect(MongodbExporterParamsSchema.safeParse(input).success).toBe(false);
  });
});

describe('mongodb_exporter artefacts', () => {
  it('puts the URI in a root-only env file with the password percent-encoded', () => {
    const file = credentialFile();
    expect(file).toMatchObject({
      path: '/etc/promstead/mongodb_exporter/mongodb_exporter.env',
      mode: 0o600,
      owner: 'root:root',
      secretRefs: ['mongodb.exporter-password'],
      secretEncoding: 'uri-userinfo',
    });
    expect(fillSecretTemplate(file, () => "p@ss:/w'rd $x\n")).toBe(
      'MONGODB_URI=mongodb://exporter:p%40ss%3A%2Fw%27rd%20%24x%0A@mongodb:27017/?authSource=admin\n',
    );
  });

  it('renders the seed flags, or --collect-all, and compatible mode', () => {
    expect(mongodbExporterArgs(defaults)).toEqual([
      '--mongodb.direct-connect=false',
      '--mongodb.global-conn-pool=false',
      '--collector.diagnosticdata',
      '--collector.replicasetstatus',
      '--collector.dbstats',
      '--collector.topmetrics',
      '--compatible-mode',
      '--web.listen-address=:9216',
    ]);
    const all = MongodbExporterParamsSchema.parse({
      passwordSecretId: 'x',
      collectAll: true,
      compatibleMode: false,
    });
    expect(mongodbExporterArgs(all)).toEqual([
      '--mongodb.direct-connect=false',
      '--mongodb.global-conn-pool=false',
      '--collect-all',
      '--web.listen-address=:9216',
    ]);
  });

  it('is compose only: a plain container would need the URI in the plan', () => {
    expect(mongodbExporter.installStyles).toEqual(['compose']);
    expect(() => mongodbExporter.dockerContainer()).toThrow(MongodbExporterRenderError);
  });

  it('renders the compose service with Percona tags, which have no v', async () => {
    const { service } = mongodbExporter.composeService(defaults, { version: '0.41.2' });
    expect(service.image).toBe('percona/mongodb_exporter:0.41.2');
    expect(
      mongodbExporter.composeService(defaults, { imageRegistryMirror: 'registry.lan' }).service.image,
    ).toBe('registry.lan/percona/mongodb_exporter:0.40.0');
    const compose = renderComposeFile([mongodbExporter.composeService(defaults, {})]);
    expect(compose).not.toMatch(/MONGODB_URI|mongodb\.exporter-password/);
    await expect(compose).toMatchFileSnapshot('__golden__/mongodb_exporter-compose.yml.golden');
  });

  it('scrapes one job and proves itself with mongodb_up', () => {
    expect(
      mongodbExporter.scrapeJobs(defaults, { host: 'docker.lan', tier: 'standard' }).jobs[0],
    ).toMatchObject({
      jobName: 'mongodb',
      staticConfigs: [
        { targets: ['docker.lan:9216'], labels: { role: 'database', database_host: 'mongodb:27017' } },
      ],
    });
    expect(mongodbExporter.proofMetrics()).toEqual(['mongodb_up', 'mongodb_exporter_build_info']);
  });
});
