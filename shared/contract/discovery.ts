// Network discovery: what a scan takes, and the inventory of hosts it produces.
import { z } from 'zod';
import { ApiErrorSchema } from './errors';

export const hostKinds = [
  'nas',
  'switch',
  'router',
  'access-point',
  'printer',
  'hypervisor',
  'linux-server',
  'windows',
  'database',
  'docker-host',
  'unknown',
] as const;
export const HostKindSchema = z.enum(hostKinds);
export type HostKind = z.infer<typeof HostKindSchema>;

/** Exporters discovery can suggest; the catalog (a later feature) uses the same ids. */
export const exporterIds = [
  'node_exporter',
  'cadvisor',
  'windows_exporter',
  'snmp_exporter',
  'unpoller',
  'postgres_exporter',
  'mysqld_exporter',
  'mongodb_exporter',
  'redis_exporter',
  'blackbox_icmp',
  'blackbox_http',
  'prometheus',
  'pushgateway',
  'blackbox_exporter',
] as const;
export const ExporterIdSchema = z.enum(exporterIds);
export type ExporterId = z.infer<typeof ExporterIdSchema>;

export const SnmpV3CredentialSchema = z
  .object({
    user: z.string().min(1).max(64),
    level: z.enum(['noAuthNoPriv', 'authNoPriv', 'authPriv']),
    authProtocol: z.enum(['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512']).optional(),
    /** SecretStore id of the authentication passphrase. */
    authKeySecretId: z.string().max(100).optional(),
    privProtocol: z.enum(['des', 'aes', 'aes256b', 'aes256r']).optional(),
    /** SecretStore id of the privacy passphrase. */
    privKeySecretId: z.string().max(100).optional(),
  })
  .strict()
  .superRefine((credential, context) => {
    if (credential.level !== 'noAuthNoPriv' && (!credential.authProtocol || !credential.authKeySecretId)) {
      context.addIssue({
        code: 'custom',
        message: `${credential.level} needs an authentication protocol and key`,
      });
    }
    if (credential.level === 'authPriv' && (!credential.privProtocol || !credential.privKeySecretId)) {
      context.addIssue({ code: 'custom', message: 'authPriv needs a privacy protocol and key' });
    }
  });
export type SnmpV3Credential = z.infer<typeof SnmpV3CredentialSchema>;

const communitySchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\x21-\x7e]+$/, 'a community is printable ASCII without spaces');

export const ScanInputSchema = z
  .object({
    /** CIDRs, ranges (10.0.0.1-10.0.0.50, 10.0.0.1-50), addresses and hostnames. */
    targets: z.array(z.string().min(1).max(255)).min(1).max(64),
    /** Allow more than 65,536 addresses (a /15 or larger). */
    allowLarge: z.boolean().default(false),
    snmp: z
      .object({
        enabled: z.boolean().default(true),
        /** v1 and v2c communities, tried in order. */
        communities: z.array(communitySchema).max(16).default(['public']),
        v3: z.array(SnmpV3CredentialSchema).max(8).default([]),
      })
      .strict()
      .prefault({}),
    /** TCP ports to probe; the default table when absent. */
    ports: z.array(z.number().int().min(1).max(65_535)).max(256).optional(),
    /** Overrides of the scan settings for this run. */
    timeoutMs: z.number().int().min(100).max(10_000).optional(),
    retries: z.number().int().min(0).max(5).optional(),
    packetsPerSecond: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();
export type ScanInput = z.input<typeof ScanInputSchema>;
export type ScanOptions = z.output<typeof ScanInputSchema>;

export const ServiceNameSchema = z.enum([
  'ssh',
  'http',
  'https',
  'docker',
  'docker-tls',
  'postgres',
  'mysql',
  'mongodb',
  'redis',
  'exporter',
  'prometheus',
  'pushgateway',
  'unknown',
]);
export type ServiceName = z.infer<typeof ServiceNameSchema>;

export const ServiceSchema = z.object({
  port: z.number().int(),
  service: ServiceNameSchema,
  /** SSH banner, or a protocol greeting. */
  banner: z.string().optional(),
  httpTitle: z.string().optional(),
  httpServer: z.string().optional(),
  httpStatus: z.number().int().optional(),
  /** An exporter identified from its /metrics, e.g. node_exporter 1.5.0. */
  exporter: z.object({ name: z.string(), version: z.string().optional() }).optional(),
});
export type Service = z.infer<typeof ServiceSchema>;

export const SnmpInfoSchema = z.object({
  version: z.enum(['v1', 'v2c', 'v3']),
  /** The community or v3 user that answered (never a key). */
  credential: z.string(),
  sysDescr: z.string(),
  sysObjectID: z.string(),
  sysName: z.string(),
  sysLocation: z.string(),
  sysContact: z.string(),
  sysUpTimeSeconds: z.number(),
  interfaces: z.object({ count: z.number().int(), up: z.number().int() }).optional(),
  vendor: z
    .object({ model: z.string().optional(), version: z.string().optional(), serial: z.string().optional() })
    .optional(),
});
export type SnmpInfo = z.infer<typeof SnmpInfoSchema>;

export const ClassificationSchema = z.object({
  kind: HostKindSchema,
  vendor: z.string().optional(),
  model: z.string().optional(),
  /** 0 to 1. */
  confidence: z.number().min(0).max(1),
  /** Readable reasons, e.g. "sysObjectID 1.3.6.1.4.1.6574 → Synology". */
  evidence: z.array(z.string()),
});
export type Classification = z.infer<typeof ClassificationSchema>;

export const SuggestionSchema = z.object({
  exporter: ExporterIdSchema,
  reason: z.string(),
  /** Already running on this host (found by its /metrics): shown, not suggested again. */
  present: z.boolean(),
  /** What it would watch, e.g. a port or a URL. */
  target: z.string().optional(),
  /** For snmp_exporter: the modules that fit the device (if_mib, synology…). */
  modules: z.array(z.string()).optional(),
});
export type Suggestion = z.infer<typeof SuggestionSchema>;

export const LivenessSchema = z.enum(['icmp', 'tcp', 'snmp', 'none']);

export const DiscoveredHostSchema = z.object({
  address: z.string(),
  hostname: z.string().optional(),
  /** How the host was seen: ping, a TCP connect ("up (tcp)"), or SNMP only. */
  liveness: LivenessSchema,
  latencyMs: z.number().optional(),
  mac: z.string().optional(),
  macVendor: z.string().optional(),
  snmp: SnmpInfoSchema.optional(),
  snmpError: ApiErrorSchema.optional(),
  services: z.array(ServiceSchema),
  classification: ClassificationSchema,
  suggestions: z.array(SuggestionSchema),
  firstSeen: z.number(),
  lastSeen: z.number(),
  /** False for a host of an earlier scan that this scan did not find. */
  seenInLastScan: z.boolean(),
  /** The user's own name and notes; they survive rescans. */
  name: z.string().max(100).optional(),
  notes: z.string().max(2000).optional(),
});
export type DiscoveredHost = z.infer<typeof DiscoveredHostSchema>;

export const ScanResultSchema = z.object({
  hostsFound: z.number().int(),
  addressesScanned: z.number().int(),
  durationMs: z.number(),
  /** How liveness was tested: fping, ping, or TCP because ICMP was not permitted. */
  livenessMethod: z.enum(['fping', 'ping', 'tcp']),
  /** Things a person should know about this scan (ICMP not permitted, say). */
  notes: z.array(z.string()),
});
export type ScanResult = z.infer<typeof ScanResultSchema>;

export const InventorySchema = z.object({
  scannedAt: z.number().optional(),
  /** The last finished scan's summary, with its notes (ICMP not permitted, say). */
  lastScan: ScanResultSchema.optional(),
  targets: z.array(z.string()),
  hosts: z.array(DiscoveredHostSchema),
});
export type Inventory = z.infer<typeof InventorySchema>;

export const SubnetSuggestionSchema = z.object({
  cidr: z.string(),
  interface: z.string(),
  address: z.string(),
});
export type SubnetSuggestion = z.infer<typeof SubnetSuggestionSchema>;

/** The phases of discovery.scan, in the order they end; progress only ever moves forward. */
export const scanPhases = ['resolve', 'liveness', 'snmp', 'services', 'save'] as const;
export type ScanPhase = (typeof scanPhases)[number];

/** The topic of a host found by a running scan (its data: a DiscoveredHost). */
export const discoveryHostTopic = 'discovery.host';
