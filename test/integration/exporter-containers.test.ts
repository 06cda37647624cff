// The catalog's Docker artefacts on a real dockerd: each exporter whose image the lab
// registry holds is rendered for the lab (registry mirror, the lab's tag, its databases
// and SNMP agents), its config files written, its image pulled, its container created
// from the rendered spec, and /metrics and the probes scraped from the workstation. The
// metric viewer's scrape of each must count the samples a real Prometheus counts, and
// PromQL through Promstead must answer as the lab's Prometheus does.
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import type Docker from 'dockerode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  findExporter,
  type ContainerSpec,
  type ExporterDefinition,
  type RenderContext,
} from '../../electron/services/exporters';
import { labDatabases, labHosts, labImages, labRegistry, labSnmp } from '../lab/lab-facts';
import {
  fetchText,
  labDockerClient,
  metricNames,
  pullImage,
  removeLeftoverContainers,
  samples,
  testLabel,
  writeConfigFiles,
  type ScrapeResult,
} from './fixtures/exporter-containers';
import {
  expectPromqlAnswers,
  expectSameSeriesCount,
  openTestEngine,
  type TestEngine,
} from './fixtures/metrics-checks';
import { SeriesCountWitness } from './fixtures/series-count-witness';

const nas = labHosts.nas.address;
type LabRepository = (typeof labImages)[number]['repository'];

/** What a probe of a multi-target job must show, by module. */
type ProbeCheck = (exposition: string, module: string, target: string) => void;

type CaseId =
  | 'node_exporter'
  | 'blackbox_exporter'
  | 'snmp_exporter'
  | 'postgres_exporter'
  | 'mysqld_exporter'
  | 'redis_exporter'
  | 'pushgateway'
  | 'prometheus';

interface ExporterCase {
  id: CaseId;
  repository: LabRepository;
  /** Params input for the catalog, with the config folder under the run's temp dir. */
  params(directory: string): Record<string, unknown>;
  /** SecretStore ids → the lab's credentials. */
  secrets?: Record<string, string>;
  /** The one metric that says the exporter reached what it watches. */
  upMetric?: string;
  probe?: ProbeCheck;
  /** What the test must change in the rendered spec on this machine, and why (see each case). */
  substitute?(spec: ContainerSpec): ContainerSpec;
}

// Ports away from the defaults, so another test's container on the shared NAS cannot answer for ours.
const ports: Record<CaseId, number> = {
  node_exporter: 39100,
  blackbox_exporter: 39115,
  snmp_exporter: 39116,
  postgres_exporter: 39187,
  mysqld_exporter: 39104,
  redis_exporter: 39121,
  pushgateway: 39091,
  prometheus: 39090,
};

function containerName(id: string): string {
  return `promstead-it-${id}`;
}

function expectProbeSuccess(exposition: string, module: string, target: string): void {
  expect(samples(exposition, 'probe_success'), `${module} → ${target}`).toEqual([{ labels: '', value: 1 }]);
}

function expectSnmpAnswer(exposition: string, module: string, target: string): void {
  const upTime = samples(exposition, 'sysUpTime');
  expect(upTime, `${module} → ${target}: sysUpTime`).toHaveLength(1);
  expect(upTime[0]?.value).toBeGreaterThan(0);
  if (module.startsWith('if_mib')) {
    // The switch's port3 is an unplugged cable: ifOperStatus 2 (down).
    const port3 = samples(exposition, 'ifOperStatus').find((sample) =>
      sample.labels.includes('ifDescr="port3"'),
    );
    expect(port3?.value, `${module} → ${target}: port3`).toBe(2);
  }
  if (module.startsWith('synology')) {
    const { temperature, systemStatus } = labSnmp.agents.nas.vendorOids;
    expect(samples(exposition, 'temperature')).toEqual([{ labels: '', value: temperature.value }]);
    expect(samples(exposition, 'systemStatus')).toEqual([{ labels: '', value: systemStatus.value }]);
  }
}

const cases: ExporterCase[] = [
  {
    id: 'node_exporter',
    repository: 'prom/node-exporter',
    params: (directory) => ({
      port: ports.node_exporter,
      containerName: containerName('node_exporter'),
      textfileDirectory: `${directory}/textfile`,
      // The lab machine runs no systemd (no D-Bus socket to bind): only the processes collector.
      extraCollectors: ['processes'],
      // dockerd refuses rslave from a private / ("/ is not a shared or slave mount"): the lab
      // machine runs no systemd, which would make / shared. Chosen as the deploy preflight does.
      hostRootPropagation: machineRootPropagates() ? 'rslave' : 'private',
    }),
  },
  {
    id: 'blackbox_exporter',
    repository: 'prom/blackbox-exporter',
    params: (directory) => ({
      port: ports.blackbox_exporter,
      containerName: containerName('blackbox_exporter'),
      configDirectory: directory,
      modules: [
        // The lab registry answers 200 on /v2/.
        { preset: 'http_2xx', targets: [`${labRegistry.url}/v2/`] },
        { preset: 'tcp_connect', targets: [`${nas}:22`] },
        { preset: 'icmp', targets: [labHosts.printer.address] },
      ],
    }),
    probe: expectProbeSuccess,
  },
  {
    id: 'snmp_exporter',
    repository: 'prom/snmp-exporter',
    params: (directory) => ({
      port: ports.snmp_exporter,
      containerName: containerName('snmp_exporter'),
      configDirectory: directory,
      // configFiles has no RenderContext: the params say which snmp.yml layout to write.
      targetVersion: '0.21.0',
      auths: [
        { name: 'public_v2', version: 'v2c', communitySecretId: 'lab.snmp.community' },
        {
          name: 'lab_v3',
          version: 'v3',
          username: labSnmp.v3.user,
          securityLevel: 'authPriv',
          authProtocol: labSnmp.v3.authProtocol,
          passwordSecretId: 'lab.snmp.auth',
          privProtocol: labSnmp.v3.privProtocol,
          privPasswordSecretId: 'lab.snmp.priv',
        },
      ],
      polls: [
        { module: 'if_mib', auth: 'public_v2', targets: [labHosts.switch.address] },
        { module: 'synology', auth: 'lab_v3', targets: [nas] },
      ],
    }),
    secrets: {
      'lab.snmp.community': labSnmp.community,
      'lab.snmp.auth': labSnmp.v3.authKey,
      'lab.snmp.priv': labSnmp.v3.privKey,
    },
    probe: expectSnmpAnswer,
  },
  {
    id: 'postgres_exporter',
    repository: 'prometheuscommunity/postgres-exporter',
    params: (directory) => ({
      port: ports.postgres_exporter,
      containerName: containerName('postgres_exporter'),
      configDirectory: directory,
      databaseHost: nas,
      databasePort: labDatabases.postgres.port,
      database: labDatabases.postgres.database,
      databaseUser: labDatabases.postgres.user,
      passwordSecretId: 'lab.postgres.password',
    }),
    secrets: { 'lab.postgres.password': labDatabases.postgres.password },
    upMetric: 'pg_up',
    // The lab's pg_hba.conf admits 127.0.0.1 and the LAN, not the Docker bridge's subnet a
    // bridge container connects from (test/lab/components/databases/postgres.ts): on the
    // host network the exporter connects from the NAS's LAN address. The published-port
    // container the catalog renders for it is the one redis_exporter proves below.
    // This substitute can go once the lab restarts with b1a9fb2's pg_hba, which admits the
    // NAS's Docker networks; the running lab predates it.
    substitute: (spec) => {
      const { PortBindings: _ignoredOnHostNetwork, ...hostConfig } = spec.HostConfig ?? {};
      return { ...spec, HostConfig: { ...hostConfig, NetworkMode: 'host' } };
    },
  },
  {
    id: 'mysqld_exporter',
    repository: 'prom/mysqld-exporter',
    // The lab's 0.14 image, through RenderContext.version like every case: its container
    // reads the rendered .my.cnf (--config.my-cnf), as Debian's 0.14 does with no DATA_SOURCE_NAME.
    params: (directory) => ({
      // configFiles has no RenderContext: the params say which version the .my.cnf is for.
      targetVersion: '0.14.0',
      port: ports.mysqld_exporter,
      containerName: containerName('mysqld_exporter'),
      configDirectory: directory,
      databaseHost: nas,
      databasePort: labDatabases.mariadb.port,
      databaseUser: labDatabases.mariadb.user,
      passwordSecretId: 'lab.mariadb.password',
    }),
    secrets: { 'lab.mariadb.password': labDatabases.mariadb.password },
    upMetric: 'mysql_up',
  },
  {
    id: 'redis_exporter',
    repository: 'oliver006/redis_exporter',
    params: (directory) => ({
      port: ports.redis_exporter,
      containerName: containerName('redis_exporter'),
      configDirectory: directory,
      redisHost: nas,
      redisPort: labDatabases.redis.port,
      passwordSecretId: 'lab.redis.password',
    }),
    secrets: { 'lab.redis.password': labDatabases.redis.password },
    upMetric: 'redis_up',
  },
  {
    id: 'pushgateway',
    repository: 'prom/pushgateway',
    params: (directory) => ({
      port: ports.pushgateway,
      containerName: containerName('pushgateway'),
      dataDirectory: directory,
    }),
  },
  {
    id: 'prometheus',
    repository: 'prom/prometheus',
    params: (directory) => ({
      port: ports.prometheus,
      containerName: containerName('prometheus'),
      configDirectory: `${directory}/config`,
      dataDirectory: `${directory}/data`,
      memoryLimitMiB: 256,
    }),
  },
];

/** The lab's tag, through RenderContext.version as a user's choice of version would go. */
function renderContext(testCase: ExporterCase): RenderContext {
  const image = labImages.find((candidate) => candidate.repository === testCase.repository);
  if (!image) throw new Error(`lab-facts lists no image ${testCase.repository}`);
  return { imageRegistryMirror: labRegistry.host, version: image.tag.replace(/^v/, '') };
}

/** Whether the machine's / is a shared or slave mount, which rslave binds of it need. */
function machineRootPropagates(): boolean {
  // PID 1's view is the machine's mount namespace, the one the NAS's dockerd runs in.
  const root = readFileSync('/proc/1/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .find((fields) => fields[4] === '/');
  const optional = root?.slice(6, root.indexOf('-')) ?? [];
  return optional.some((field) => field.startsWith('shared:') || field.startsWith('master:'));
}

/** Docker's multiplexed log stream as text (8-byte frame headers dropped). */
function demultiplex(buffer: Buffer): string {
  const parts: string[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    parts.push(buffer.subarray(offset + 8, offset + 8 + size).toString('utf8'));
    offset += 8 + size;
  }
  return parts.join('');
}

async function containerLogs(container: Docker.Container): Promise<string> {
  const logs = (await container.logs({ stdout: true, stderr: true, tail: 40 })) as unknown as Buffer;
  return demultiplex(logs);
}

/**
 * Scrapes until `ready` holds, at most `attempts` times and 45 s; a container that stopped fails
 * at once with its log. Returns the last answer, for the assertions to show.
 */
async function scrapeUntil(
  container: Docker.Container,
  url: string,
  ready: (answer: ScrapeResult) => boolean,
  attempts = 60,
): Promise<ScrapeResult | undefined> {
  // Also bounded in time: a slow scrape must leave the assertions room before the test timeout.
  const deadline = Date.now() + 45_000;
  let answer: ScrapeResult | undefined;
  for (let attempt = 0; attempt < attempts && Date.now() < deadline; attempt++) {
    const state = (await container.inspect()).State;
    if (!state.Running) {
      throw new Error(`the container stopped (exit ${state.ExitCode}):\n${await containerLogs(container)}`);
    }
    answer = await fetchText(url);
    if (answer && ready(answer)) return answer;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return answer;
}

let docker: Docker;
let runDirectory: string;
let witness: SeriesCountWitness | undefined;
let promstead: TestEngine | undefined;
/** Ids of the containers this run created, removed after each test. */
const created: string[] = [];

beforeAll(async () => {
  docker = labDockerClient();
  // No answer here fails the file (in CI as anywhere): the lab must be up.
  expect(String(await docker.ping())).toBe('OK');
  await removeLeftoverContainers(docker);
  // Under /tmp on the machine: the NAS's dockerd shares its mount namespace, so the
  // bind mounts see these folders at the same paths.
  runDirectory = await mkdtemp('/tmp/promstead-it-exporters-');
  await chmod(runDirectory, 0o755);
  witness = await SeriesCountWitness.start();
  promstead = await openTestEngine();
});

afterEach(async () => {
  while (created.length > 0) {
    const id = created.pop();
    if (id) await docker.getContainer(id).remove({ force: true });
  }
});

afterAll(async () => {
  await witness?.stop();
  await promstead?.close();
  if (runDirectory) await rm(runDirectory, { recursive: true, force: true });
});

describe('the catalog’s containers on the NAS’s dockerd', () => {
  it.each(cases)('$id runs from its rendered spec and proves itself', async (testCase) => {
    const definition: ExporterDefinition<unknown> | undefined = findExporter(testCase.id);
    if (!definition) throw new Error(`the catalog has no ${testCase.id}`);
    const directory = `${runDirectory}/${testCase.id}`;
    const params = definition.params.parse(testCase.params(directory));
    const context = renderContext(testCase);
    const rendered = definition.dockerContainer(params, context);
    expect(rendered.Image).toMatch(new RegExp(`^${labRegistry.host}/${testCase.repository}:v`));

    const secrets = testCase.secrets ?? {};
    await writeConfigFiles(definition.configFiles(params, 'docker'), (secretId) => secrets[secretId]);
    await pullImage(docker, rendered.Image);

    const substituted = testCase.substitute ? testCase.substitute(rendered) : rendered;
    // The one change every case makes: our label, so a crashed run's containers can be found.
    const spec: ContainerSpec = {
      ...substituted,
      Labels: { ...substituted.Labels, [testLabel.key]: testLabel.value },
    };
    const container = await docker.createContainer(spec);
    created.push(container.id);
    await container.start();

    const port = ports[testCase.id];
    const proofs = definition.proofMetrics(params);
    const metrics = await scrapeUntil(container, `http://${nas}:${port}/metrics`, (answer) => {
      const names = metricNames(answer.body);
      const up = testCase.upMetric ? samples(answer.body, testCase.upMetric)[0]?.value : 1;
      return answer.status === 200 && proofs.every((name) => names.has(name)) && up === 1;
    });
    expect(metrics?.status, 'GET /metrics').toBe(200);
    const names = metricNames(metrics?.body ?? '');
    expect(
      proofs.filter((name) => !names.has(name)),
      'proof metrics missing',
    ).toEqual([]);
    if (testCase.upMetric) {
      expect(samples(metrics?.body ?? '', testCase.upMetric)).toEqual([{ labels: '', value: 1 }]);
    }

    // The metric viewer reads this exporter as Prometheus does: the same number of samples.
    if (!witness || !promstead) throw new Error('the witness Prometheus and the engine did not start');
    await expectSameSeriesCount(promstead.engine, witness, testCase.id, `http://${nas}:${port}/metrics`);
    if (testCase.id === 'prometheus') await expectPromqlAnswers(promstead.engine, `http://${nas}:${port}`);

    // The probes Prometheus would make, from the catalog's own multi-target jobs.
    const jobs = definition.scrapeJobs(params, { host: nas, tier: 'standard' }).multiTargetJobs;
    expect(jobs.length > 0).toBe(testCase.probe !== undefined);
    for (const job of jobs) {
      for (const target of job.targets) {
        const query = new URLSearchParams({
          target,
          module: job.module,
          ...(job.auth ? { auth: job.auth } : {}),
        });
        const url = `http://${job.exporterAddress}${job.metricsPath}?${query.toString()}`;
        const answer = await fetchText(url);
        expect(answer?.status, url).toBe(200);
        testCase.probe?.(answer?.body ?? '', job.module, target);
      }
    }
  });
});
