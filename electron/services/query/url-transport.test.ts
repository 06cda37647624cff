// A Prometheus URL behind basic auth (Debian's Prometheus with a --web.config.file): the
// password comes from the SecretStore, and a missing or wrong one is said plainly; and one
// serving HTTPS with a certificate of its own CA, trusted by CA file or by a pinned fingerprint.
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
import { type Certificates, makeCertificates } from '../metrics/scrape/scrape.fixture';
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

  it('refuses TLS options on a plain http:// URL rather than ignore them', async () => {
    const error = await failure(
      query.targets({ kind: 'url', url: prometheus.baseUrl, tls: { caFile: '/etc/ssl/certs/ca.pem' } }),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('https:// URLs only');
  });
});

describeWithPrometheus('A Prometheus URL over HTTPS with its own CA', () => {
  let certificates: Certificates;
  let secure: RunningPrometheus;
  beforeAll(async () => {
    certificates = await makeCertificates();
    secure = await startPrometheus({
      tls: { certFile: certificates.certFile, keyFile: certificates.keyFile },
    });
  }, 60_000);
  afterAll(async () => {
    await secure?.stop();
    await certificates?.remove();
  });

  it('queries it trusting the CA file, or exactly the pinned certificate', async () => {
    const withCa = await query.instant(
      { kind: 'url', url: secure.baseUrl, tls: { caFile: certificates.caFile } },
      'vector(3)',
    );
    expect(withCa.data).toMatchObject({ resultType: 'vector', result: [{ value: [expect.any(Number), 3] }] });
    const pinned = await query.instant(
      { kind: 'url', url: secure.baseUrl, tls: { fingerprint: certificates.fingerprint } },
      'vector(4)',
    );
    expect(pinned.data).toMatchObject({ resultType: 'vector', result: [{ value: [expect.any(Number), 4] }] });
  });

  it('refuses a certificate from another CA, or another than the pinned one, and says what it saw', async () => {
    const strange = await failure(
      query.targets({ kind: 'url', url: secure.baseUrl, tls: { caFile: certificates.otherCaFile } }),
    );
    expect(strange.code).toBe('TLS_FAILED');
    expect(strange.message).toContain(certificates.fingerprint);
    const wrongPin = await failure(
      query.targets({ kind: 'url', url: secure.baseUrl, tls: { fingerprint: 'ab'.repeat(32) } }),
    );
    expect(wrongPin.code).toBe('TLS_FAILED');
    expect(wrongPin.message).toContain(certificates.fingerprint);
  });
});
