// Where a scrape goes and with what: a deployment (its recorded host:port, straight or
// through the host's SSH connection), an exporter discovery found, or a URL with its
// credentials (read from the SecretStore here, so nothing below ever sees a secret id).
import {
  PromsteadError,
  type DeploymentRecord,
  type Host,
  type ScrapeAuth,
  type ScrapeTarget,
  type ScrapeTls,
} from '@shared/contract';
import type { TcpStreamOpener } from '../../ssh';
import type { ResolvedScrapeAuth } from './http-scrape';
import type { ScrapeRoute } from './scrape-connection';
import { resolveTls } from './scrape-tls';

export interface ResolvedTarget {
  /** Tried in order: the first that connects is used (and tried first next time). */
  routes: ScrapeRoute[];
  auth?: ResolvedScrapeAuth;
}

export interface TargetResolver {
  deployments(hostId: string): DeploymentRecord[];
  host(hostId: string): Host;
  /** TCP to the host's loopback through its SSH connection; undefined for a Docker endpoint. */
  sshStreams(hostId: string): Promise<TcpStreamOpener | undefined>;
  readSecret(id: string): Promise<string>;
}

/** `http://address:port/path`, with an IPv6 address in brackets. */
export function httpUrl(address: string, port: number, path = '/metrics'): URL {
  const host = address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
  return new URL(`http://${host}:${port}${path}`);
}

/** A deployment record's `host:port` (an IPv6 address is written without brackets there). */
export function splitScrapeAddress(scrapeAddress: string): { address: string; port: number } {
  const colon = scrapeAddress.lastIndexOf(':');
  const port = Number(scrapeAddress.slice(colon + 1));
  if (colon <= 0 || !Number.isInteger(port) || port < 1 || port > 65_535)
    throw new PromsteadError(
      'STATE_CORRUPT',
      `The deployment's scrape address "${scrapeAddress}" is not host:port: deploy the exporter again.`,
    );
  return { address: scrapeAddress.slice(0, colon).replace(/^\[|\]$/g, ''), port };
}

export async function urlTarget(
  url: string,
  auth?: ResolvedScrapeAuth,
  tls?: ScrapeTls,
): Promise<ResolvedTarget> {
  const parsed = new URL(url);
  const resolvedTls = parsed.protocol === 'https:' ? await resolveTls(tls) : undefined;
  if (tls && parsed.protocol !== 'https:')
    throw new PromsteadError('VALIDATION', `TLS settings apply to https:// URLs; ${url} is plain HTTP.`);
  const route: ScrapeRoute = {
    via: 'direct',
    url: parsed,
    label: parsed.href,
    ...(resolvedTls ? { tls: resolvedTls } : {}),
  };
  return { routes: [route], ...(auth ? { auth } : {}) };
}

async function resolveAuth(
  auth: ScrapeAuth | undefined,
  resolver: TargetResolver,
): Promise<ResolvedScrapeAuth | undefined> {
  if (!auth) return undefined;
  if (auth.kind === 'basic')
    return {
      kind: 'basic',
      username: auth.username,
      password: await resolver.readSecret(auth.passwordSecretId),
    };
  return { kind: 'bearer', token: await resolver.readSecret(auth.tokenSecretId) };
}

async function deploymentTarget(
  hostId: string,
  exporter: string,
  resolver: TargetResolver,
): Promise<ResolvedTarget> {
  const host = resolver.host(hostId);
  const record = resolver.deployments(hostId).find((entry) => entry.exporter === exporter);
  if (!record)
    throw new PromsteadError(
      'NOT_FOUND',
      `Promstead has not deployed ${exporter} on ${host.name}: deploy it first, or scrape its URL.`,
    );
  const { address, port } = splitScrapeAddress(record.scrapeAddress);
  const direct = httpUrl(address, port);
  const routes: ScrapeRoute[] = [{ via: 'direct', url: direct, label: direct.href }];
  const open = await resolver.sshStreams(hostId);
  if (open) {
    const loopback = httpUrl('127.0.0.1', port);
    routes.push({ via: 'ssh', url: loopback, label: `${loopback.href} (through SSH)`, open });
  }
  return { routes };
}

export async function resolveTarget(target: ScrapeTarget, resolver: TargetResolver): Promise<ResolvedTarget> {
  switch (target.kind) {
    case 'deployment':
      return deploymentTarget(target.hostId, target.exporter, resolver);
    case 'discovered': {
      const url = httpUrl(target.address, target.port, target.path);
      return { routes: [{ via: 'direct', url, label: url.href }] };
    }
    case 'url':
      return urlTarget(target.url, await resolveAuth(target.auth, resolver), target.tls);
  }
}
