// Generated artefacts checked by the upstream tools' own schemas and parsers: every
// compose file by docker-compose (the compose-spec JSON schema), cAdvisor's manifest by
// the Kubernetes OpenAPI types, and the .my.cnf by MariaDB's option-file parser.
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  composeConfigCheck,
  describeWithTool,
  dockerComposePath,
  myPrintDefaults,
  myPrintDefaultsPath,
} from './artefact-schema-checks';
import { buildArtefacts } from './artefacts';
import { cadvisor, CadvisorParamsSchema } from './cadvisor';
import type { ComposeService, ExporterDefinition } from './catalog-types';
import { renderComposeFile } from './compose-file';
import { fillSecretTemplate, referencesSecrets } from './secret-template';
import { exporterCatalog, type CatalogExporterId } from './index';
import { MysqldExporterParamsSchema, mysqldExporter } from './mysqld-exporter';

type ComposeExporterId = Exclude<CatalogExporterId, 'windows_exporter'>;

/**
 * Per exporter with a compose style: the smallest params it accepts (the defaults plus
 * what has none), and a set that turns on the optional compose keys (published versus
 * host network, IPv6 binds, capabilities, devices, env_file, $ in commands).
 */
const composeParams = {
  node_exporter: [{}, { hostNetwork: false, listenAddress: '127.0.0.1', port: 9101, memoryLimitMiB: 256 }],
  cadvisor: [
    {},
    { privileged: false, listenAddress: '::1', port: 8081, disabledMetrics: [], dockerOnly: false },
  ],
  blackbox_exporter: [
    { modules: [{ preset: 'http_2xx', targets: ['https://nas.lan/'] }] },
    {
      listenAddress: '192.168.1.5',
      containerName: 'blackbox',
      modules: [
        { preset: 'icmp', targets: ['192.168.1.1'] },
        { preset: 'tcp_connect', targets: ['[fd00::1]:443'] },
        { preset: 'dns', targets: ['192.168.1.1'], queryName: 'nas.lan' },
      ],
    },
  ],
  snmp_exporter: [
    {
      auths: [{ name: 'public_v2', version: 'v2c', communitySecretId: 'snmp.public' }],
      polls: [{ module: 'if_mib', auth: 'public_v2', targets: ['switch.lan'] }],
    },
    {
      targetVersion: '0.21.0',
      listenAddress: 'fd00::10',
      auths: [
        {
          name: 'secure_v3',
          version: 'v3',
          username: 'monitor',
          securityLevel: 'authPriv',
          authProtocol: 'SHA256',
          passwordSecretId: 'snmp.v3.auth',
          privProtocol: 'AES',
          privPasswordSecretId: 'snmp.v3.priv',
        },
      ],
      polls: [{ module: 'synology', auth: 'secure_v3', targets: ['nas.lan'] }],
    },
  ],
  unpoller: [
    { controllerUrl: 'https://unifi.lan:8443', passwordSecretId: 'unpoller.password' },
    {
      controllerUrl: 'https://[fd00::1]:8443/network',
      controllerUser: 'svc.prometheus+ro@lan',
      passwordSecretId: 'unpoller.password',
      sites: ['default', 'branch_2'],
      verifySsl: true,
      saveEvents: true,
      listenAddress: '127.0.0.1',
    },
  ],
  postgres_exporter: [
    { passwordSecretId: 'postgres.password' },
    {
      passwordSecretId: 'postgres.password',
      databaseHost: 'fd00::5',
      sslMode: 'verify-full',
      customQueries: false,
      listenAddress: '::1',
    },
  ],
  mysqld_exporter: [
    { passwordSecretId: 'mysql.password' },
    // 0.14: the same .my.cnf, written for a parser that takes $ literally.
    { passwordSecretId: 'mysql.password', targetVersion: '0.14.0', listenAddress: '10.0.0.2' },
  ],
  mongodb_exporter: [
    { passwordSecretId: 'mongodb.password' },
    {
      passwordSecretId: 'mongodb.password',
      collectAll: true,
      compatibleMode: false,
      directConnect: true,
      databaseHost: 'mongo.lan',
    },
  ],
  redis_exporter: [
    {},
    {
      redisHost: 'redis.lan',
      tls: true,
      redisUser: 'monitor',
      passwordSecretId: 'redis.password',
      checkKeys: ['myapp:user:*', 'db3=jobs:{a}?'],
      checkSingleKeys: ['myapp:config'],
      includeSystemMetrics: false,
    },
  ],
  pushgateway: [{}, { listenAddress: '127.0.0.1', port: 9092, persistenceIntervalMinutes: 1 }],
  prometheus: [{}, { retentionSizeGiB: 50, enableLifecycle: false, listenAddress: '::1', retentionDays: 90 }],
} satisfies Record<ComposeExporterId, [unknown, unknown]>;

const composeIds = Object.keys(composeParams) as ComposeExporterId[];

/** The entry as the app handles it: params go through `params.parse` first. */
function catalogDefinition(id: ComposeExporterId): ExporterDefinition<unknown> {
  return exporterCatalog[id];
}

function composeArtefact(id: ComposeExporterId, rawParams: unknown): string {
  const artefact = buildArtefacts(catalogDefinition(id), 'compose', rawParams, 'host.lan').find(
    (entry) => entry.id === 'compose',
  );
  if (!artefact) throw new Error(`${id}: no compose artefact`);
  return artefact.content;
}

describe('the compose test table', () => {
  it('covers every exporter in the catalog that installs as compose', () => {
    const definitions: ExporterDefinition<unknown>[] = Object.values(exporterCatalog);
    const withCompose = definitions
      .filter((definition) => definition.installStyles.includes('compose'))
      .map((definition) => definition.id)
      .sort();
    expect([...composeIds].sort()).toEqual(withCompose);
  });
});

describeWithTool(dockerComposePath)('compose files checked by docker-compose config -q', () => {
  it.each(composeIds.flatMap((id) => composeParams[id].map((params, index) => [id, index, params] as const)))(
    '%s, param set %i, is a valid compose file',
    async (id, _index, params) => {
      const compose = composeArtefact(id, params);
      const result = await composeConfigCheck(compose);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    },
  );

  it('accepts one file holding every service at once', async () => {
    const services = composeIds.map((id) => {
      const definition = catalogDefinition(id);
      return definition.composeService(definition.params.parse(composeParams[id][0]), {});
    });
    const compose = renderComposeFile(services);
    const parsed = parseAllDocuments(compose)[0]?.toJS() as { services: Record<string, unknown> };
    expect(Object.keys(parsed.services)).toHaveLength(composeIds.length);
    const result = await composeConfigCheck(compose);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('fails on an unknown key, so the check can fail', async () => {
    const { name, service } = exporterCatalog.pushgateway.composeService(
      exporterCatalog.pushgateway.params.parse({}),
      {},
    );
    const broken = { ...service, restart_policy: 'sometimes' } as ComposeService;
    const result = await composeConfigCheck(renderComposeFile([{ name, service: broken }]));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("Unsupported config option for services.pushgateway: 'restart_policy'");
  });

  it('warns on a $ that compose would interpolate, so escaping is checked too', async () => {
    const result = await composeConfigCheck(
      'services:\n  x:\n    image: busybox\n    command: ["echo", "$HOME_X"]\n',
    );
    expect(result.stderr).toContain('The HOME_X variable is not set');
  });
});

/** The model class for each apiVersion and kind the catalog's manifests use. */
const kubernetesModels: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/DaemonSet': DaemonSet,
};

interface ManifestObject {
  apiVersion: string;
  kind: string;
  [key: string]: unknown;
}

function manifestObjects(manifest: string): ManifestObject[] {
  return parseAllDocuments(manifest).map((document) => {
    expect(document.errors).toEqual([]);
    return document.toJS() as ManifestObject;
  });
}

/** Validates one object against its Kubernetes OpenAPI schema; throws when it does not fit. */
function validateKubernetesObject(object: ManifestObject): void {
  const Model = kubernetesModels[`${object.apiVersion}/${object.kind}`];
  if (!Model) throw new Error(`no model for ${object.apiVersion} ${object.kind}`);
  new Model(object as never).validate();
}

describe("cAdvisor's Kubernetes manifest checked by the kubernetes-models schemas", () => {
  const paramSets = [
    CadvisorParamsSchema.parse({}),
    CadvisorParamsSchema.parse({
      port: 9338,
      disabledMetrics: [],
      kubernetes: {
        namespace: 'observability',
        cpuRequestMilli: 50,
        cpuLimitMilli: 50,
        memoryLimitMiB: 1024,
      },
    }),
  ];

  it.each(paramSets)('every document validates (%#)', (params) => {
    const objects = manifestObjects(cadvisor.kubernetesManifest(params, {}));
    expect(objects.map((object) => object.kind)).toEqual(['DaemonSet']);
    for (const object of objects) expect(() => validateKubernetesObject(object)).not.toThrow();
  });

  it('keeps what users depend on: scrape annotations, a read-only root, limits', () => {
    const params = paramSets[1] ?? CadvisorParamsSchema.parse({});
    const [daemonSet] = manifestObjects(cadvisor.kubernetesManifest(params, {}));
    const model = new DaemonSet(daemonSet as never);
    const template = model.spec?.template;
    expect(template?.metadata?.annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '9338',
    });
    const container = template?.spec?.containers[0];
    expect(container?.ports?.[0]?.containerPort).toBe(9338);
    expect(container?.securityContext?.readOnlyRootFilesystem).toBe(true);
    expect(container?.resources?.limits).toEqual({ cpu: '50m', memory: '1024Mi' });
    expect(container?.resources?.requests).toMatchObject({ cpu: '50m' });
    expect(model.metadata?.namespace).toBe('observability');
  });

  it.each([
    [
      'a container port as a string',
      (object: ManifestObject) =>
        setPath(object, ['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'containerPort'], 'abc'),
    ],
    ['no selector', (object: ManifestObject) => setPath(object, ['spec', 'selector'], undefined)],
    [
      'a container without a name',
      (object: ManifestObject) =>
        setPath(object, ['spec', 'template', 'spec', 'containers', 0, 'name'], undefined),
    ],
  ])('rejects a manifest with %s, so the check can fail', (_label, mutate) => {
    const [daemonSet] = manifestObjects(cadvisor.kubernetesManifest(CadvisorParamsSchema.parse({}), {}));
    if (!daemonSet) throw new Error('no DaemonSet');
    mutate(daemonSet);
    expect(() => validateKubernetesObject(daemonSet)).toThrow();
  });
});

/** Sets (or, with undefined, deletes) one nested value of a parsed manifest. */
function setPath(object: unknown, path: readonly (string | number)[], value: unknown): void {
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], object);
  const last = path.at(-1) as string | number;
  if (value === undefined) delete (parent as Record<string | number, unknown>)[last];
  else (parent as Record<string | number, unknown>)[last] = value;
}

/** The .my.cnf as the deploy step writes it, for a password and a database address. */
function renderedMyCnf(password: string, databaseHost = 'db.lan', databasePort = 3306): string {
  const params = MysqldExporterParamsSchema.parse({
    passwordSecretId: 'mysql.password',
    databaseHost,
    databasePort,
  });
  const file = mysqldExporter.configFiles(params, 'compose').find(referencesSecrets);
  if (!file || !file.path.endsWith('.my.cnf')) throw new Error('no .my.cnf template');
  return fillSecretTemplate(file, () => password);
}

// The .my.cnf is for mysqld_exporter, which reads it with Go's gopkg.in/ini.v1, not with
// MariaDB's option parser: the two disagree on quoting (MariaDB knows no backticks and
// unescapes inside quotes), so only the Go parser decides how the password is written
// (go-ini-value.ts), and that is proven with the real exporter against the lab's MariaDB in
// test/integration/exporter-mysqld-my-cnf.test.ts. Here MariaDB's own tool checks what
// both read the same: the file parses, and user, host and port come out as rendered.
describeWithTool(myPrintDefaultsPath)(".my.cnf read by MariaDB's option parser (my_print_defaults)", () => {
  it.each(['hunter2', 'semi;colon', 'hash#tag', 'two words ', 'a`b"', "it's"])(
    'reads the file with the password %j without error, user, host and port as rendered',
    async (password) => {
      const result = await myPrintDefaults(renderedMyCnf(password, 'db.lan', 3307));
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const lines = result.stdout.split('\n');
      expect(lines.filter((line) => !line.startsWith('--password='))).toEqual([
        '--user=exporter',
        '--host=db.lan',
        '--port=3307',
        '',
      ]);
      expect(lines.filter((line) => line.startsWith('--password='))).toHaveLength(1);
    },
  );

  it('reads an IPv6 database address as given', async () => {
    const result = await myPrintDefaults(renderedMyCnf('pw', 'fd00::5'));
    expect(result.stdout).toContain('--host=fd00::5\n--port=3306\n');
  });
});
