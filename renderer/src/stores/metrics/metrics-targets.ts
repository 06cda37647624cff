// Where the Metrics page scrapes from: what Promstead deployed, exporters a scan found
// listening, or a URL a person types (its password or token go to the SecretStore first;
// only their ids are in the target). Also maps a Prometheus target back to one of these.
import {
  describeZodError,
  ScrapeTargetSchema,
  type DeploymentRecord,
  type DiscoveredHost,
  type ScrapeTarget,
} from '@shared/contract';

export interface TargetChoice {
  /** Stable across reloads: what the picker's <option> values are. */
  key: string;
  label: string;
  target: ScrapeTarget;
}

/** Services a scan saw that answer with an exposition. */
const exposingServices = new Set(['exporter', 'prometheus', 'pushgateway']);

export function deploymentChoices(
  deployments: readonly DeploymentRecord[],
  hostName: (hostId: string) => string,
): TargetChoice[] {
  return deployments.map((record) => ({
    key: `deployment:${record.hostId}:${record.exporter}`,
    label: `${record.exporter} on ${hostName(record.hostId)} (${record.scrapeAddress})`,
    target: { kind: 'deployment', hostId: record.hostId, exporter: record.exporter },
  }));
}

export function discoveredChoices(hosts: readonly DiscoveredHost[]): TargetChoice[] {
  const choices: TargetChoice[] = [];
  for (const host of hosts)
    for (const service of host.services) {
      if (!service.exporter && !exposingServices.has(service.service)) continue;
      const what = service.exporter
        ? `${service.exporter.name}${service.exporter.version ? ` ${service.exporter.version}` : ''}`
        : service.service;
      const where = host.name ?? host.hostname ?? host.address;
      choices.push({
        key: `discovered:${host.address}:${service.port}`,
        label: `${what} on ${where} (${host.address}:${service.port})`,
        target: { kind: 'discovered', address: host.address, port: service.port, path: '/metrics' },
      });
    }
  return choices;
}

export interface UrlDraft {
  url: string;
  authKind: 'none' | 'basic' | 'bearer';
  username: string;
  password: string;
  token: string;
  caFile: string;
  fingerprint: string;
  serverName: string;
}

export const emptyUrlDraft: UrlDraft = {
  url: '',
  authKind: 'none',
  username: '',
  password: '',
  token: '',
  caFile: '',
  fingerprint: '',
  serverName: '',
};

export interface SecretToStore {
  value: string;
  label: string;
}

/** The secret the draft's auth needs stored, if any (typed values never go anywhere else). */
export function secretOfDraft(draft: UrlDraft): SecretToStore | undefined {
  const url = draft.url.trim();
  if (draft.authKind === 'basic' && draft.password !== '')
    return { value: draft.password, label: `Password of ${draft.username.trim()} for ${url}` };
  if (draft.authKind === 'bearer' && draft.token !== '')
    return { value: draft.token, label: `Bearer token for ${url}` };
  return undefined;
}

export type BuiltTarget = { ok: true; target: ScrapeTarget } | { ok: false; error: string };

/** The URL target, with the stored secret's id in place of what was typed. */
export function buildUrlTarget(draft: UrlDraft, secretId: string | undefined): BuiltTarget {
  const url = draft.url.trim();
  if (url === '')
    return { ok: false, error: 'Enter the URL of a /metrics page, e.g. http://nas.lan:9100/metrics.' };
  if (draft.authKind === 'basic' && draft.username.trim() === '')
    return { ok: false, error: 'Basic auth needs a username.' };
  if (draft.authKind !== 'none' && secretId === undefined)
    return {
      ok: false,
      error: draft.authKind === 'basic' ? 'Enter the password.' : 'Enter the bearer token.',
    };
  const tls = {
    caFile: draft.caFile.trim() || undefined,
    fingerprint: draft.fingerprint.trim() || undefined,
    serverName: draft.serverName.trim() || undefined,
  };
  const hasTls = Object.values(tls).some((value) => value !== undefined);
  const auth =
    draft.authKind === 'basic'
      ? { kind: 'basic' as const, username: draft.username.trim(), passwordSecretId: secretId as string }
      : draft.authKind === 'bearer'
        ? { kind: 'bearer' as const, tokenSecretId: secretId as string }
        : undefined;
  const parsed = ScrapeTargetSchema.safeParse({ kind: 'url', url, auth, tls: hasTls ? tls : undefined });
  return parsed.success
    ? { ok: true, target: parsed.data }
    : { ok: false, error: describeZodError(parsed.error) };
}

/** A short text for the target in headings and CSV file names. */
export function targetText(target: ScrapeTarget): string {
  if (target.kind === 'deployment') return `${target.exporter} on ${target.hostId}`;
  if (target.kind === 'discovered') return `${target.address}:${target.port}${target.path}`;
  return target.url;
}

/**
 * A Prometheus target as a Metrics target: the deployment scraped at the same host:port
 * when there is one (so drop rules can be saved for it), else its scrape URL.
 */
export function targetForScrapeUrl(
  scrapeUrl: string,
  deployments: readonly DeploymentRecord[],
): ScrapeTarget | undefined {
  let parsed: URL;
  try {
    parsed = new URL(scrapeUrl);
  } catch {
    return undefined;
  }
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  const address = `${parsed.hostname}:${port}`;
  const record = deployments.find((candidate) => candidate.scrapeAddress === address);
  if (record) return { kind: 'deployment', hostId: record.hostId, exporter: record.exporter };
  const result = ScrapeTargetSchema.safeParse({ kind: 'url', url: scrapeUrl });
  return result.success ? result.data : undefined;
}
