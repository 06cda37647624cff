// What a blackbox_exporter module accepts, checked as the server's BlackboxModuleParamsSchema
// (electron/services/exporters/blackbox-modules.ts) checks it, so the editor can mark a
// field while it is typed instead of handing the server params it will refuse.
import { z } from 'zod';

export const blackboxPresets = [
  'http_2xx',
  'http_post_auth',
  'http_ssl_check',
  'tcp_connect',
  'tcp_connect_tls',
  'icmp',
  'dns',
  'dns_mx',
] as const;
export type BlackboxPreset = (typeof blackboxPresets)[number];

export const dnsQueryTypes = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'PTR', 'SOA', 'SRV', 'TXT'] as const;
export type DnsQueryType = (typeof dnsQueryTypes)[number];

/** What each preset probes, which decides what a target looks like. */
export type TargetKind = 'url' | 'hostPort' | 'host' | 'dnsServer';

export const presetTargetKind = {
  http_2xx: 'url',
  http_post_auth: 'url',
  http_ssl_check: 'url',
  tcp_connect: 'hostPort',
  tcp_connect_tls: 'hostPort',
  icmp: 'host',
  dns: 'dnsServer',
  dns_mx: 'dnsServer',
} as const satisfies Record<BlackboxPreset, TargetKind>;

export const targetKindHints = {
  url: 'One http:// or https:// URL per line, e.g. https://nas.lan/health',
  hostPort: 'One host:port per line, e.g. nas.lan:22 or [fd00::1]:443',
  host: 'One host name or IP address per line, e.g. 192.168.1.1',
  dnsServer: 'One DNS server per line: a host, or host:port for another port',
} as const satisfies Record<TargetKind, string>;

const targetKindNames = {
  url: 'an http:// or https:// URL without credentials',
  hostPort: 'host:port (a port from 1 to 65535)',
  host: 'a host name or an IP address',
  dnsServer: 'a host name, an IP address or host:port',
} as const satisfies Record<TargetKind, string>;

export const maxTargets = 256;

const hostnamePattern =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const ipv4 = z.ipv4();
const ipv6 = z.ipv6();

/** A host name or an IP address. */
export function isProbeHost(value: string): boolean {
  return ipv4.safeParse(value).success || ipv6.safeParse(value).success || hostnamePattern.test(value);
}

/** A domain name a DNS probe asks for. */
export function isDomainName(value: string): boolean {
  return hostnamePattern.test(value);
}

/** host:port or [v6]:port. */
export function isHostPort(value: string): boolean {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(value);
  if (!match) return false;
  const port = Number(match[3]);
  const hostOk = match[1] ? ipv6.safeParse(match[1]).success : isProbeHost(match[2] ?? '');
  return hostOk && port >= 1 && port <= 65_535;
}

/** An http(s) URL without credentials: Prometheus keeps targets in plain text. */
export function isProbeUrl(value: string): boolean {
  if (value.length > 2048 || /[\s\p{Cc}]/u.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

const targetChecks = {
  url: isProbeUrl,
  hostPort: isHostPort,
  host: isProbeHost,
  dnsServer: (value: string) => isProbeHost(value) || isHostPort(value),
} as const satisfies Record<TargetKind, (value: string) => boolean>;

export function isTarget(kind: TargetKind, value: string): boolean {
  return targetChecks[kind](value);
}

/** One target per line; blank lines and spaces around a target do not count. */
export function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Why the targets typed for a preset would be refused, or undefined when they would not. */
export function targetsProblem(preset: BlackboxPreset, text: string): string | undefined {
  const kind = presetTargetKind[preset];
  const targets = splitLines(text);
  if (targets.length === 0) return 'Add at least one target.';
  if (targets.length > maxTargets) return `At most ${maxTargets} targets per module.`;
  const bad = targets.find((target) => !isTarget(kind, target));
  return bad === undefined ? undefined : `"${bad}" is not ${targetKindNames[kind]}.`;
}

export const moduleNamePattern = /^[a-z][a-z0-9_]{0,62}$/;
export const secretIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
export const contentTypePattern = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+$/;

/** Body patterns and answer patterns: printable ASCII only, so one cannot break blackbox.yml. */
export function patternsProblem(text: string): string | undefined {
  const patterns = splitLines(text);
  if (patterns.length > 16) return 'At most 16 patterns.';
  const bad = patterns.find((pattern) => pattern.length > 256 || !/^[\x20-\x7e]+$/.test(pattern));
  return bad === undefined
    ? undefined
    : 'Each pattern is up to 256 printable ASCII characters (no tabs or accents).';
}

/** "200, 204 301" → ['200', '204', '301'] */
export function splitCodes(text: string): string[] {
  return text.split(/[\s,]+/).filter((part) => part !== '');
}

/** "200, 204 301" → [200, 204, 301]; undefined when one is not a status code. */
export function parseStatusCodes(text: string): number[] | undefined {
  const parts = splitCodes(text);
  const codes = parts.map((part) => (/^\d{3}$/.test(part) ? Number(part) : Number.NaN));
  return codes.every((code) => code >= 100 && code <= 599) && codes.length <= 32 ? codes : undefined;
}
