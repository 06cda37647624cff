// What a blackbox_exporter module accepts, field by field, for the editor to mark a field
// while it is typed: each check is the contract's own schema (shared/contract/
// blackbox-params.ts), the one the server applies, so the two cannot drift apart.
import {
  blackboxPresets,
  ContentTypeSchema,
  DnsServerSchema,
  dnsQueryTypes,
  DomainNameSchema,
  HostPortSchema,
  maxProbeTargets,
  ModuleNameSchema,
  ProbeHostSchema,
  ProbePatternSchema,
  ProbeUrlSchema,
  maxProbePatterns,
  SecretIdSchema,
  StatusCodesSchema,
  type BlackboxPreset,
  type DnsQueryType,
} from '@shared/contract';

export { blackboxPresets, dnsQueryTypes, type BlackboxPreset, type DnsQueryType };

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

export const maxTargets = maxProbeTargets;

const accepts =
  (schema: { safeParse(value: unknown): { success: boolean } }) =>
  (value: unknown): boolean =>
    schema.safeParse(value).success;

/** A host name or an IP address. */
export const isProbeHost = accepts(ProbeHostSchema);
/** A domain name a DNS probe asks for. */
export const isDomainName = accepts(DomainNameSchema);
/** host:port or [v6]:port. */
export const isHostPort = accepts(HostPortSchema);
/** An http(s) URL without credentials: Prometheus keeps targets in plain text. */
export const isProbeUrl = accepts(ProbeUrlSchema);
export const isModuleName = accepts(ModuleNameSchema);
export const isSecretId = accepts(SecretIdSchema);
export const isContentType = accepts(ContentTypeSchema);

const targetChecks = {
  url: isProbeUrl,
  hostPort: isHostPort,
  host: isProbeHost,
  dnsServer: accepts(DnsServerSchema),
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

/** Body patterns and answer patterns: printable ASCII only, so one cannot break blackbox.yml. */
export function patternsProblem(text: string): string | undefined {
  const patterns = splitLines(text);
  if (patterns.length > maxProbePatterns) return `At most ${maxProbePatterns} patterns.`;
  const bad = patterns.find((pattern) => !ProbePatternSchema.safeParse(pattern).success);
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
  return StatusCodesSchema.safeParse(codes).success ? codes : undefined;
}
