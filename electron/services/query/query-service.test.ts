// PromQL, names, metadata and targets against Debian's real Prometheus on loopback, named
// by URL: what the live viewer shows, and what a person reads when a query goes wrong.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type DeploymentRecord,
  PromsteadError,
  type PrometheusServer,
  type QueryAnswer,
  type SshHostRecord,
} from '@shared/contract';
import { freeLoopbackPort } from '../exporters/tool-checks';
import type { PrometheusHttp } from '../prometheus';
import { rangeQuery } from './query-client';
import {
  describeWithPrometheus,
  type RunningPrometheus,
  startPrometheus,
} from './prometheus-process.fixture';
import { QueryService } from './query-service';
import { urlTransport } from './url-transport';

let prometheus: RunningPrometheus;
let server: PrometheusServer;
/** No deployments and no hosts: these tests name the server by URL. */
const query = new QueryService({
  deploy: { list: () => [] },
  hosts: {
    get: () => {
      throw new Error('no hosts here');
    },
    target: () => Promise.reject(new Error('no hosts here')),
  },
  secrets: { get: () => Promise.reject(new Error('no secrets here')) },
});

beforeAll(async () => {
  prometheus = await startPrometheus();
  server = { kind: 'url', url: prometheus.baseUrl };
}, 60_000);
afterAll(async () => prometheus?.stop());

async function failure(promise: Promise<unknown>): Promise<PromsteadError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PromsteadError);
  return error as PromsteadError;
}

function vector(answer: QueryAnswer): Extract<QueryAnswer['data'], { resultType: 'vector' }>['result'] {
  if (answer.data.resultType !== 'vector') throw new Error(`a ${answer.data.resultType}, not a vector`);
  return answer.data.result;
}

describeWithPrometheus('PromQL against a real Prometheus', () => {
  it('evaluates `up` as a vector with its labels, the value a number and the time in ms', async () => {
    const before = Date.now();
    const series = vector(await query.instant(server, 'up'));
    expect(series).toEqual([
      {
        metric: { __name__: 'up', job: 'prometheus', instance: `127.0.0.1:${prometheus.port}` },
        value: [expect.any(Number), 1],
      },
    ]);
    // Milliseconds, not Prometheus's float seconds: within a minute of the call.
    expect(Math.abs((series[0]?.value[0] ?? 0) - before)).toBeLessThan(60_000);
  });

  it('evaluates at the time asked, and answers scalars and strings in their own shapes', async () => {
    const at = Date.now() - 500;
    expect((await query.instant(server, '1.5', at)).data).toEqual({
      resultType: 'scalar',
      result: [at, 1.5],
    });
    expect((await query.instant(server, '"promstead"', at)).data).toEqual({
      resultType: 'string',
      result: [at, 'promstead'],
    });
  });

  it('keeps NaN and the infinities as the strings JSON can carry', async () => {
    const value = async (promql: string): Promise<unknown> => {
      const answer = await query.instant(server, promql);
      return answer.data.resultType === 'scalar' ? answer.data.result[1] : vector(answer)[0]?.value[1];
    };
    expect(await value('0/0')).toBe('NaN');
    expect(await value('1/0')).toBe('+Inf');
    expect(await value('vector(-1/0)')).toBe('-Inf');
    // The answer survives JSON, as it does crossing IPC or the browser-mode socket.
    const answer = await query.instant(server, 'vector(0/0)');
    expect(JSON.parse(JSON.stringify(answer))).toEqual(answer);
  });

  it('takes an expression far longer than a URL comfortably holds (sent as a POST form)', async () => {
    const long = `up${' + 0'.repeat(3000)}`;
    expect(long.length).toBeGreaterThan(12_000);
    expect(vector(await query.instant(server, long))[0]?.value[1]).toBe(1);
  });

  it('evaluates a range with points spaced by the step', async () => {
    const end = Date.now();
    const range = { start: end - 10_000, end, stepSeconds: 2 };
    // vector(1) has a value at every step, whenever this Prometheus started.
    const constant = await query.range(server, { query: 'vector(1)', ...range });
    if (constant.data.resultType !== 'matrix') throw new Error('not a matrix');
    const points = constant.data.result[0]?.values ?? [];
    expect(points).toHaveLength(6);
    expect(points[0]?.[0]).toBe(range.start);
    for (let index = 1; index < points.length; index++) {
      expect((points[index]?.[0] ?? 0) - (points[index - 1]?.[0] ?? 0)).toBe(2000);
    }
    expect(points.every(([, value]) => value === 1)).toBe(true);
    const up = await query.range(server, { query: 'up', ...range });
    expect(up.data).toMatchObject({
      resultType: 'matrix',
      result: [
        {
          metric: { __name__: 'up', job: 'prometheus' },
          values: expect.arrayContaining([[expect.any(Number), 1]]),
        },
      ],
    });
  });

  it("refuses a range over Prometheus's 11,000 points before sending it, naming a step that works", async () => {
    let sent = 0;
    const http: PrometheusHttp = () => {
      sent++;
      return Promise.reject(new Error('must not be sent'));
    };
    const end = Date.now();
    const error = await failure(
      rangeQuery({ http, name: 'test' }, { query: 'up', start: end - 86_400_000, end, stepSeconds: 1 }),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('86,401 points per series');
    expect(error.message).toContain('Use a step of 10s or more');
    expect(sent).toBe(0);
    // And the step it names is one Prometheus takes.
    const answer = await query.range(server, { query: 'up', start: end - 86_400_000, end, stepSeconds: 10 });
    expect(answer.data.resultType).toBe('matrix');
  });

  it('draws the 11,000-point line where Prometheus draws it', async () => {
    const end = Math.floor(Date.now() / 1000) * 1000;
    const atLimit = await query.range(server, {
      query: 'vector(1)',
      start: end - 11_000_000,
      end,
      stepSeconds: 1,
    });
    expect(atLimit.data.resultType).toBe('matrix');
    // One step more: Prometheus itself refuses it (asked directly), and so does Promstead.
    const form = new URLSearchParams({
      query: 'vector(1)',
      start: String(end / 1000 - 11_001),
      end: String(end / 1000),
      step: '1',
    });
    const direct = await fetch(`${prometheus.baseUrl}/api/v1/query_range`, { method: 'POST', body: form });
    expect(direct.status).toBe(400);
    const error = await failure(
      query.range(server, { query: 'vector(1)', start: end - 11_001_000, end, stepSeconds: 1 }),
    );
    expect(error.code).toBe('VALIDATION');
  });

  it("gives a syntax error as QUERY_ERROR in Prometheus's own words", async () => {
    const error = await failure(query.instant(server, 'sum(up'));
    expect(error.code).toBe('QUERY_ERROR');
    expect(error.message).toBe('invalid parameter "query": 1:7: parse error: unclosed left parenthesis');
    expect(error.details).toMatchObject({ errorType: 'bad_data', httpStatus: 400 });
  });

  it('lists metric names, label names, and label values limited by a selector', async () => {
    expect(await query.names(server, { label: '__name__', match: [], limit: 10_000 })).toContain('up');
    expect(await query.names(server, { match: [], limit: 10_000 })).toContain('job');
    expect(await query.names(server, { label: 'job', match: ['up'], limit: 10_000 })).toEqual(['prometheus']);
    expect(
      await query.names(server, { label: 'job', match: ['{job="nothing-like-this"}'], limit: 10 }),
    ).toEqual([]);
    expect(await query.names(server, { label: '__name__', match: [], limit: 3 })).toHaveLength(3);
  });

  it('reads the metadata of every metric, or of one', async () => {
    const all = await query.metadata(server);
    expect(all.go_goroutines).toEqual([
      { type: 'gauge', help: 'Number of goroutines that currently exist.', unit: '' },
    ]);
    const one = await query.metadata(server, 'prometheus_ready');
    expect(Object.keys(one)).toEqual(['prometheus_ready']);
    expect(one.prometheus_ready?.[0]?.type).toBe('gauge');
  });

  it('lists the active targets with health, last scrape in ms and its duration', async () => {
    const targets = await query.targets(server);
    expect(targets).toHaveLength(1);
    const target = targets[0];
    expect(target).toMatchObject({
      job: 'prometheus',
      instance: `127.0.0.1:${prometheus.port}`,
      scrapeUrl: `http://127.0.0.1:${prometheus.port}/metrics`,
      health: 'up',
      lastError: '',
      labels: { job: 'prometheus', instance: `127.0.0.1:${prometheus.port}` },
    });
    expect(Math.abs((target?.lastScrape ?? 0) - Date.now())).toBeLessThan(60_000);
    expect(target?.lastScrapeDurationMs).toBeGreaterThan(0);
    expect(target?.lastScrapeDurationMs).toBeLessThan(1000);
  });

  it('says the address is no Prometheus API when a wrong path prefix answers 404 text', async () => {
    const error = await failure(query.instant({ kind: 'url', url: `${prometheus.baseUrl}/not-here` }, 'up'));
    expect(error.code).toBe('TRANSPORT');
    expect(error.message).toContain(`Prometheus at ${prometheus.baseUrl}/not-here answered /api/v1/query`);
    expect(error.message).toContain('HTTP 404');
    expect(error.message).toContain('Is that address a Prometheus server?');
  });

  it('refuses an answer larger than the limit as TOO_LARGE', async () => {
    const small = new QueryService({
      deploy: { list: () => [] },
      hosts: { get: () => ({}) as never, target: () => Promise.reject(new Error('none')) },
      secrets: { get: () => Promise.reject(new Error('none')) },
      limits: { maxBytes: 2048 },
    });
    const error = await failure(small.instant(server, '{__name__=~".+"}'));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toMatch(/narrow the query/);
  });
});

describeWithPrometheus('When the server cannot be reached', () => {
  let silent: Server | undefined;
  afterAll(() => silent?.close());

  it('says the connection was refused, naming the server', async () => {
    const port = await freeLoopbackPort();
    const error = await failure(query.targets({ kind: 'url', url: `http://127.0.0.1:${port}` }));
    expect(error.code).toBe('CONNECTION_REFUSED');
    expect(error.message).toContain(`Prometheus at http://127.0.0.1:${port} refused the connection`);
  });

  it('gives up on a listener that never answers (a silent socket, not a Prometheus) with TIMEOUT', async () => {
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent?.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const impatient = new QueryService({
      deploy: { list: () => [] },
      hosts: { get: () => ({}) as never, target: () => Promise.reject(new Error('none')) },
      secrets: { get: () => Promise.reject(new Error('none')) },
      openUrl: urlTransport({ get: () => Promise.reject(new Error('none')) }),
      limits: { timeoutMs: 500 },
    });
    const error = await failure(impatient.instant({ kind: 'url', url: `http://127.0.0.1:${port}` }, 'up'));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toBe(`Prometheus at http://127.0.0.1:${port} did not answer within 0.5 s.`);
  });
});

describeWithPrometheus('The Prometheus Promstead deployed on a host', () => {
  const sshHost: SshHostRecord = {
    kind: 'ssh',
    id: 'nas',
    name: 'NAS',
    address: '127.0.0.1',
    port: 22,
    username: 'admin',
    auth: { kind: 'agent' },
    hostKey: { fingerprint: `SHA256:${'A'.repeat(43)}`, keyType: 'ssh-ed25519', pinnedAt: 0 },
    privilege: { kind: 'none' },
    createdAt: 0,
  };
  const record = (exporter: DeploymentRecord['exporter'], scrapeAddress: string): DeploymentRecord => ({
    hostId: 'nas',
    exporter,
    method: 'systemd',
    params: {},
    version: '2.42.0',
    created: { containers: [], images: [], files: [], directories: [], units: [], users: [] },
    scrapeAddress,
    deployedAt: 0,
  });
  /** Fakes for the deployment records and the SSH connection (no sshd runs in the unit suite). */
  const serviceWith = (records: DeploymentRecord[], sshTargets: string[] = []): QueryService =>
    new QueryService({
      deploy: {
        list: (hostId) => records.filter((entry) => hostId === undefined || entry.hostId === hostId),
      },
      hosts: {
        get: (id) => {
          if (id !== sshHost.id) throw new PromsteadError('NOT_FOUND', `No host "${id}".`);
          return sshHost;
        },
        target: (id) => {
          sshTargets.push(id);
          return Promise.reject(
            new PromsteadError('SSH_UNREACHABLE', 'NAS (127.0.0.1:22) did not answer SSH.'),
          );
        },
      },
      secrets: { get: () => Promise.reject(new Error('none')) },
    });

  it('queries it at its scrape address', async () => {
    const service = serviceWith([
      record('node_exporter', '127.0.0.1:9100'),
      record('prometheus', `127.0.0.1:${prometheus.port}`),
    ]);
    const targets = await service.targets({ kind: 'deployment', hostId: 'nas' });
    expect(targets.map((target) => target.health)).toEqual(['up']);
  });

  it('says how to deploy one when the host has no Prometheus', async () => {
    const error = await failure(
      serviceWith([record('node_exporter', '127.0.0.1:9100')]).instant(
        { kind: 'deployment', hostId: 'nas' },
        'up',
      ),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe(
      "Promstead has not deployed Prometheus on NAS: deploy it there (`promstead deploy apply nas prometheus`), or give the server's URL.",
    );
  });

  it('tries SSH when the direct route is refused, and names both failures', async () => {
    const port = await freeLoopbackPort();
    const sshTargets: string[] = [];
    const service = serviceWith([record('prometheus', `127.0.0.1:${port}`)], sshTargets);
    const error = await failure(service.instant({ kind: 'deployment', hostId: 'nas' }, 'up'));
    expect(sshTargets).toEqual(['nas']);
    expect(error.code).toBe('CONNECTION_REFUSED');
    expect(error.message).toContain(
      `Prometheus on NAS (http://127.0.0.1:${port}) did not answer, directly (`,
    );
    expect(error.message).toContain('nor through SSH (NAS (127.0.0.1:22) did not answer SSH.)');
  });

  it('does not try SSH when Prometheus answered with an error of its own', async () => {
    const sshTargets: string[] = [];
    const service = serviceWith([record('prometheus', `127.0.0.1:${prometheus.port}`)], sshTargets);
    const error = await failure(service.instant({ kind: 'deployment', hostId: 'nas' }, 'rate(up)'));
    expect(error.code).toBe('QUERY_ERROR');
    expect(sshTargets).toEqual([]);
  });
});
