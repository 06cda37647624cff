// blackbox_exporter modules: the presets a user picks in the wizard (validated params),
// the typed module model they become, and its rendering to blackbox.yml. Only fields
// that blackbox_exporter 0.23 (Debian 12) already accepts are used, so one file serves
// Debian's package and current upstream.
import { z } from 'zod';
import { SecretIdSchema } from './secret-template';
import { stringify } from 'yaml';

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

// ---- the module model, in blackbox.yml's own key names ----

interface TlsConfig {
  insecure_skip_verify: boolean;
}

export interface HttpProbe {
  method: 'GET' | 'POST';
  preferred_ip_protocol: 'ip4' | 'ip6';
  valid_status_codes?: number[];
  valid_http_versions?: string[];
  follow_redirects?: boolean;
  fail_if_ssl?: boolean;
  fail_if_not_ssl?: boolean;
  headers?: Record<string, string>;
  body?: string;
  /** The secret's file, written 0600 by the deploy step; the token never enters this file. */
  bearer_token_file?: string;
  fail_if_body_not_matches_regexp?: string[];
  tls_config?: TlsConfig;
}

export interface TcpProbe {
  preferred_ip_protocol: 'ip4' | 'ip6';
  tls: boolean;
  tls_config?: TlsConfig;
}

export interface IcmpProbe {
  preferred_ip_protocol: 'ip4' | 'ip6';
}

export interface DnsProbe {
  preferred_ip_protocol: 'ip4' | 'ip6';
  query_name: string;
  query_type: string;
  valid_rcodes: string[];
  validate_answer_rrs?: { fail_if_not_matches_regexp?: string[]; fail_if_none_matches_regexp?: string[] };
}

export type BlackboxModule =
  | { prober: 'http'; timeout: string; http: HttpProbe }
  | { prober: 'tcp'; timeout: string; tcp: TcpProbe }
  | { prober: 'icmp'; timeout: string; icmp: IcmpProbe }
  | { prober: 'dns'; timeout: string; dns: DnsProbe };

export interface BlackboxConfig {
  modules: Record<string, BlackboxModule>;
}

// ---- validated params of one module ----

const hostnamePattern =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/** A host name or an IP address; what ICMP pings and what a DNS probe asks. */
export const ProbeHostSchema = z.union([
  z.ipv4(),
  z.ipv6(),
  z.string().regex(hostnamePattern, 'a host name'),
]);

/** host:port or [v6]:port. */
export const HostPortSchema = z.string().refine((value) => {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(value);
  if (!match) return false;
  const port = Number(match[3]);
  const host = match[1] ?? match[2];
  const hostOk = match[1] ? z.ipv6().safeParse(host).success : ProbeHostSchema.safeParse(host).success;
  return hostOk && port >= 1 && port <= 65_535;
}, 'host:port');

/** A DNS server to ask: a host, or host:port for a server on another port. */
const DnsServerSchema = z.union([ProbeHostSchema, HostPortSchema]);

/** An http(s) URL without credentials (Prometheus keeps targets in plain text). */
export const ProbeUrlSchema = z
  .string()
  .max(2048)
  .refine((value) => {
    if (/[\s\p{Cc}]/u.test(value)) return false;
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'an http:// or https:// URL without credentials');

/** A Go RE2 pattern; printable only so it cannot break the file it sits in. */
const RegexListSchema = z
  .array(
    z
      .string()
      .min(1)
      .max(256)
      .regex(/^[\x20-\x7e]+$/),
  )
  .max(16);

export const ModuleNameSchema = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'a module name like http_2xx');

const common = {
  /** Defaults to the preset's name; set it to use a preset twice. */
  name: ModuleNameSchema.optional(),
  timeoutSeconds: z.number().int().min(1).max(60).default(5),
};
const targets = <T extends z.ZodType<string>>(schema: T): z.ZodArray<T> => z.array(schema).min(1).max(256);

export const BlackboxModuleParamsSchema = z.discriminatedUnion('preset', [
  z
    .object({
      preset: z.literal('http_2xx'),
      ...common,
      targets: targets(ProbeUrlSchema),
      /** Empty means any 2xx. */
      validStatusCodes: z.array(z.number().int().min(100).max(599)).max(32).default([]),
    })
    .strict(),
  z
    .object({
      preset: z.literal('http_post_auth'),
      ...common,
      targets: targets(ProbeUrlSchema),
      /** SecretStore id of the bearer token; the value is written to a 0600 file at deploy. */
      bearerTokenSecretId: SecretIdSchema,
      body: z.string().max(4096).default('{"health_check": true}'),
      contentType: z
        .string()
        .regex(/^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+$/)
        .default('application/json'),
      bodyMustMatch: RegexListSchema.default([]),
    })
    .strict(),
  z
    .object({
      preset: z.literal('http_ssl_check'),
      ...common,
      targets: targets(ProbeUrlSchema),
      bodyMustMatch: RegexListSchema.default([]),
    })
    .strict(),
  z.object({ preset: z.literal('tcp_connect'), ...common, targets: targets(HostPortSchema) }).strict(),
  z.object({ preset: z.literal('tcp_connect_tls'), ...common, targets: targets(HostPortSchema) }).strict(),
  z.object({ preset: z.literal('icmp'), ...common, targets: targets(ProbeHostSchema) }).strict(),
  z
    .object({
      preset: z.literal('dns'),
      ...common,
      targets: targets(DnsServerSchema),
      queryName: z.string().regex(hostnamePattern, 'a domain name'),
      queryType: z.enum(['A', 'AAAA', 'CNAME', 'MX', 'NS', 'PTR', 'SOA', 'SRV', 'TXT']).default('A'),
    })
    .strict(),
  z
    .object({
      preset: z.literal('dns_mx'),
      ...common,
      targets: targets(DnsServerSchema),
      queryName: z.string().regex(hostnamePattern, 'a domain name'),
      /** Patterns one MX answer must match; empty means any MX record at all. */
      answerMustMatch: RegexListSchema.default([]),
    })
    .strict(),
]);
export type BlackboxModuleParams = z.output<typeof BlackboxModuleParamsSchema>;

export function moduleName(module: BlackboxModuleParams): string {
  return module.name ?? module.preset;
}

/** Where the bearer token of an http_post_auth module lives, under the config directory. */
export function bearerTokenPath(configDirectory: string, name: string): string {
  return `${configDirectory}/secrets/${name}.token`;
}

// ---- presets → model ----

function toModule(module: BlackboxModuleParams, configDirectory: string): BlackboxModule {
  const timeout = `${module.timeoutSeconds}s`;
  const verifyTls = { insecure_skip_verify: false };
  switch (module.preset) {
    case 'http_2xx':
      return {
        prober: 'http',
        timeout,
        http: {
          method: 'GET',
          preferred_ip_protocol: 'ip4',
          valid_http_versions: ['HTTP/1.1', 'HTTP/2.0'],
          ...(module.validStatusCodes.length > 0 ? { valid_status_codes: module.validStatusCodes } : {}),
          follow_redirects: true,
          tls_config: verifyTls,
        },
      };
    case 'http_post_auth':
      return {
        prober: 'http',
        timeout,
        http: {
          method: 'POST',
          preferred_ip_protocol: 'ip4',
          headers: { 'Content-Type': module.contentType },
          body: module.body,
          bearer_token_file: bearerTokenPath(configDirectory, moduleName(module)),
          ...(module.bodyMustMatch.length > 0
            ? { fail_if_body_not_matches_regexp: module.bodyMustMatch }
            : {}),
          tls_config: verifyTls,
        },
      };
    case 'http_ssl_check':
      return {
        prober: 'http',
        timeout,
        http: {
          method: 'GET',
          preferred_ip_protocol: 'ip4',
          fail_if_not_ssl: true,
          ...(module.bodyMustMatch.length > 0
            ? { fail_if_body_not_matches_regexp: module.bodyMustMatch }
            : {}),
          tls_config: verifyTls,
        },
      };
    case 'tcp_connect':
      return { prober: 'tcp', timeout, tcp: { preferred_ip_protocol: 'ip4', tls: false } };
    case 'tcp_connect_tls':
      return {
        prober: 'tcp',
        timeout,
        tcp: { preferred_ip_protocol: 'ip4', tls: true, tls_config: verifyTls },
      };
    case 'icmp':
      return { prober: 'icmp', timeout, icmp: { preferred_ip_protocol: 'ip4' } };
    case 'dns':
      return {
        prober: 'dns',
        timeout,
        dns: {
          preferred_ip_protocol: 'ip4',
          query_name: module.queryName,
          query_type: module.queryType,
          valid_rcodes: ['NOERROR'],
        },
      };
    case 'dns_mx':
      return {
        prober: 'dns',
        timeout,
        dns: {
          preferred_ip_protocol: 'ip4',
          query_name: module.queryName,
          query_type: 'MX',
          valid_rcodes: ['NOERROR'],
          validate_answer_rrs:
            module.answerMustMatch.length > 0
              ? { fail_if_not_matches_regexp: module.answerMustMatch }
              : { fail_if_none_matches_regexp: ['\\sMX\\s'] },
        },
      };
  }
}

export function blackboxConfig(
  modules: readonly BlackboxModuleParams[],
  configDirectory: string,
): BlackboxConfig {
  return {
    modules: Object.fromEntries(
      modules.map((module) => [moduleName(module), toModule(module, configDirectory)]),
    ),
  };
}

/** blackbox.yml, keys sorted so the same modules always give the same bytes. */
export function renderBlackboxYaml(config: BlackboxConfig): string {
  return stringify(config, { sortMapEntries: true, lineWidth: 0 });
}
