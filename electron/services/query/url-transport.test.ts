// A Prometheus URL behind basic auth (Debian's Prometheus with a --web.config.file): the
// password comes from the SecretStore, and a missing or wrong one is said plainly.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PromsteadError, type PrometheusServer } from '@shared/contract';
import { AesKeyFileCipher, Redactor, SecretStore } from '../store';
import {
  describeWithPrometheus,
  type RunningPrometheus,
  startPrometheus,
} from './prometheus-process.fixture';
import { QueryService } from './query-service';

/** bcrypt (cost 4) of "promstead-test-password", the user the fixture's self-scrape logs in as. */
const webConfig =
  'basic_auth_users:\n  promstead: $2b$04$yYac/aPkgdV5VUzZx66tM.GX8v1j.03DMpAP3BN8w2tdeQT5NI7/.\n';

let prometheus: RunningPrometheus;
let dir: string;
let secrets: SecretStore;
let query: QueryService;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'promstead-query-secrets-'));
  secrets = new SecretStore({
    file: join(dir, 'secrets.json'),
    cipher: new AesKeyFileCipher(join(dir, 'secret.key')),
    redactor: new Redactor(),
  });
  query = new QueryService({
    deploy: { list: () => [] },
    hosts: { get: () => ({}) as never, target: () => Promise.reject(new Error('no hosts here')) },
    secrets,
  });
  prometheus = await startPrometheus({ webConfig });
}, 60_000);
afterAll(async () => {
  await prometheus?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<PromsteadError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PromsteadError);
  return error as PromsteadError;
}

describeWithPrometheus('A Prometheus URL with basic auth', () => {
  it('logs in with the password kept in the SecretStore', async () => {
    const passwordSecretId = await secrets.put('promstead-test-password', 'Prometheus password');
    const server: PrometheusServer = {
      kind: 'url',
      url: prometheus.baseUrl,
      auth: { kind: 'basic', username: 'promstead', passwordSecretId },
    };
    expect((await query.instant(server, 'vector(7)')).data).toMatchObject({
      resultType: 'vector',
      result: [{ metric: {}, value: [expect.any(Number), 7] }],
    });
  });

  it('says UNAUTHORIZED without credentials or with a wrong password', async () => {
    const bare = await failure(query.targets({ kind: 'url', url: prometheus.baseUrl }));
    expect(bare.code).toBe('UNAUTHORIZED');
    expect(bare.message).toContain(
      `Prometheus at ${prometheus.baseUrl} wants credentials it accepts (HTTP 401)`,
    );
    const passwordSecretId = await secrets.put('not-the-password', 'wrong');
    const wrong = await failure(
      query.targets({
        kind: 'url',
        url: prometheus.baseUrl,
        auth: { kind: 'basic', username: 'promstead', passwordSecretId },
      }),
    );
    expect(wrong.code).toBe('UNAUTHORIZED');
  });

  it('says which secret is missing when the password was forgotten', async () => {
    const error = await failure(
      query.targets({
        kind: 'url',
        url: prometheus.baseUrl,
        auth: { kind: 'basic', username: 'promstead', passwordSecretId: 'gone' },
      }),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('No secret with id gone');
  });

  it('refuses TLS options it cannot honour yet rather than ignore them', async () => {
    const error = await failure(
      query.targets({ kind: 'url', url: 'https://127.0.0.1:1', tls: { caFile: '/etc/ssl/certs/ca.pem' } }),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('not supported yet');
  });
});
