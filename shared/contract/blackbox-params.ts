// The parameters of a blackbox_exporter module as a user gives them (one preset, its
// targets and options): one schema, applied by the engine before it renders blackbox.yml
// and by the module editor as each field is typed, so the two cannot disagree.
import { z } from 'zod';
import { SecretIdSchema } from './exporter-params';

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

/** A domain name a DNS probe asks for. */
export const DomainNameSchema = z.string().regex(hostnamePattern, 'a domain name');

/** A DNS server to ask: a host, or host:port for a server on another port. */
export const DnsServerSchema = z.union([ProbeHostSchema, HostPortSchema]);

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
export const ProbePatternSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[\x20-\x7e]+$/);
export const maxProbePatterns = 16;
export const RegexListSchema = z.array(ProbePatternSchema).max(maxProbePatterns);

export const dnsQueryTypes = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'PTR', 'SOA', 'SRV', 'TXT'] as const;
export type DnsQueryType = (typeof dnsQueryTypes)[number];

export const maxProbeTargets = 256;
export const TimeoutSecondsSchema = z.number().int().min(1).max(60);
export const StatusCodesSchema = z.array(z.number().int().min(100).max(599)).max(32);
export const ProbeBodySchema = z.string().max(4096);
export const ContentTypeSchema = z.string().regex(/^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+$/);

export const ModuleNameSchema = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'a module name like http_2xx');

const common = {
  /** Defaults to the preset's name; set it to use a preset twice. */
  name: ModuleNameSchema.optional(),
  timeoutSeconds: TimeoutSecondsSchema.default(5),
};
const targets = <T extends z.ZodType<string>>(schema: T): z.ZodArray<T> =>
  z.array(schema).min(1).max(maxProbeTargets);

export const BlackboxModuleParamsSchema = z.discriminatedUnion('preset', [
  z
    .object({
      preset: z.literal('http_2xx'),
      ...common,
      targets: targets(ProbeUrlSchema),
      /** Empty means any 2xx. */
      validStatusCodes: StatusCodesSchema.default([]),
    })
    .strict(),
  z
    .object({
      preset: z.literal('http_post_auth'),
      ...common,
      targets: targets(ProbeUrlSchema),
      /** SecretStore id of the bearer token; the value is written to a 0600 file at deploy. */
      bearerTokenSecretId: SecretIdSchema,
      body: ProbeBodySchema.default('{"health_check": true}'),
      contentType: ContentTypeSchema.default('application/json'),
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
      queryName: DomainNameSchema,
      queryType: z.enum(dnsQueryTypes).default('A'),
    })
    .strict(),
  z
    .object({
      preset: z.literal('dns_mx'),
      ...common,
      targets: targets(DnsServerSchema),
      queryName: DomainNameSchema,
      /** Patterns one MX answer must match; empty means any MX record at all. */
      answerMustMatch: RegexListSchema.default([]),
    })
    .strict(),
]);
export type BlackboxModuleParams = z.output<typeof BlackboxModuleParamsSchema>;

export function moduleName(module: BlackboxModuleParams): string {
  return module.name ?? module.preset;
}
