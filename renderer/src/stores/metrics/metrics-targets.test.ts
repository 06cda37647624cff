import { describe, expect, it } from 'vitest';
import type { DeploymentRecord } from '@shared/contract';
import { makeHost } from '../discovery.fixtures';
import {
  buildUrlTarget,
  deploymentChoices,
  discoveredChoices,
  emptyUrlDraft,
  secretOfDraft,
  targetForScrapeUrl,
} from './metrics-targets';

const record = (exporter: DeploymentRecord['exporter'], scrapeAddress: string): DeploymentRecord => ({
  hostId: 'nas',
  exporter,
  method: 'docker',
  params: {},
  version: '1.8.2',
  created: { containers: [], images: [], files: [], directories: [], units: [], users: [] },
  scrapeAddress,
  deployedAt: 1,
});

describe('target choices', () => {
  it('offers each deployment under its host’s name', () => {
    const [choice] = deploymentChoices([record('node_exporter', '10.0.0.5:9100')], () => 'DiskStation');
    expect(choice?.label).toBe('node_exporter on DiskStation (10.0.0.5:9100)');
    expect(choice?.target).toEqual({ kind: 'deployment', hostId: 'nas', exporter: 'node_exporter' });
  });

  it('offers the exporters a scan found, not its other services', () => {
    const host = makeHost('10.0.0.5', {
      name: 'nas',
      services: [
        { port: 22, service: 'ssh' },
        { port: 9100, service: 'exporter', exporter: { name: 'node_exporter', version: '1.5.0' } },
        { port: 9090, service: 'prometheus' },
      ],
    });
    expect(discoveredChoices([host]).map((choice) => choice.label)).toEqual([
      'node_exporter 1.5.0 on nas (10.0.0.5:9100)',
      'prometheus on nas (10.0.0.5:9090)',
    ]);
    expect(discoveredChoices([host])[0]?.target).toEqual({
      kind: 'discovered',
      address: '10.0.0.5',
      port: 9100,
      path: '/metrics',
    });
  });
});

describe('URL targets', () => {
  it('keeps what was typed out of the target: only the stored secret’s id', () => {
    const draft = {
      ...emptyUrlDraft,
      url: 'https://nas.lan:9100/metrics',
      authKind: 'basic' as const,
      username: 'prom',
      password: 'hunter2',
    };
    expect(secretOfDraft(draft)).toEqual({
      value: 'hunter2',
      label: 'Password of prom for https://nas.lan:9100/metrics',
    });
    const built = buildUrlTarget(draft, 'secret-1');
    expect(built).toEqual({
      ok: true,
      target: {
        kind: 'url',
        url: 'https://nas.lan:9100/metrics',
        auth: { kind: 'basic', username: 'prom', passwordSecretId: 'secret-1' },
      },
    });
    expect(JSON.stringify(built)).not.toContain('hunter2');
  });

  it('takes a CA file and a pinned fingerprint', () => {
    const fingerprint = 'ab'.repeat(32);
    const built = buildUrlTarget(
      { ...emptyUrlDraft, url: 'https://10.0.0.5:9100/metrics', caFile: '/etc/ca.pem', fingerprint },
      undefined,
    );
    expect(built.ok && built.target.kind === 'url' && built.target.tls).toEqual({
      caFile: '/etc/ca.pem',
      fingerprint,
    });
  });

  it('says what is missing or wrong', () => {
    expect(buildUrlTarget(emptyUrlDraft, undefined)).toMatchObject({
      ok: false,
      error: expect.stringContaining('URL'),
    });
    expect(buildUrlTarget({ ...emptyUrlDraft, url: 'http://x', authKind: 'basic' }, undefined)).toMatchObject(
      { ok: false, error: 'Basic auth needs a username.' },
    );
    expect(
      buildUrlTarget({ ...emptyUrlDraft, url: 'http://x', authKind: 'bearer' }, undefined),
    ).toMatchObject({ ok: false, error: 'Enter the bearer token.' });
    expect(buildUrlTarget({ ...emptyUrlDraft, url: 'ftp://x/metrics' }, undefined).ok).toBe(false);
    expect(buildUrlTarget({ ...emptyUrlDraft, url: 'http://user:pw@x/metrics' }, undefined).ok).toBe(false);
    expect(buildUrlTarget({ ...emptyUrlDraft, url: 'https://x', fingerprint: 'nope' }, undefined).ok).toBe(
      false,
    );
  });
});

describe('targetForScrapeUrl', () => {
  const deployments = [record('node_exporter', '10.0.0.5:9100')];

  it('maps a Prometheus target to the deployment at the same host and port', () => {
    expect(targetForScrapeUrl('http://10.0.0.5:9100/metrics', deployments)).toEqual({
      kind: 'deployment',
      hostId: 'nas',
      exporter: 'node_exporter',
    });
  });

  it('else to its scrape URL, and to nothing for what is not a URL', () => {
    expect(targetForScrapeUrl('http://10.0.0.6:9100/metrics', deployments)).toEqual({
      kind: 'url',
      url: 'http://10.0.0.6:9100/metrics',
    });
    expect(targetForScrapeUrl('not a url', deployments)).toBeUndefined();
  });
});
