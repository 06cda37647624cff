// snmp_exporter modules and auths: the typed model of snmp.yml, the built-in modules
// (numeric OIDs only, since Debian ships no MIBs), and its rendering in both layouts:
// 0.21 (Debian) keeps `auth` and `version` inside each module, ≥ 0.23 splits `auths:`.
import { z } from 'zod';
import { SecretIdSchema } from '@shared/contract';
import { stringify } from 'yaml';

// ---- the model, in snmp.yml's own key names ----

export type SnmpValueType = 'gauge' | 'counter' | 'DisplayString' | 'OctetString' | 'EnumAsInfo';

export interface SnmpIndex {
  labelname: string;
  type: 'gauge';
}

export interface SnmpLookup {
  labels: string[];
  labelname: string;
  oid: string;
  type: 'DisplayString';
}

export interface SnmpMetric {
  name: string;
  oid: string;
  type: SnmpValueType;
  help: string;
  indexes?: SnmpIndex[];
  lookups?: SnmpLookup[];
  enum_values?: Record<number, string>;
}

export interface SnmpModule {
  walk: string[];
  get?: string[];
  metrics: SnmpMetric[];
}

/** An auth whose secrets are still SecretStore ids; the renderer resolves them. */
export type SnmpAuth =
  | { version: 1 | 2; communitySecretId: string }
  | {
      version: 3;
      username: string;
      securityLevel: 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';
      authProtocol?: SnmpAuthProtocol;
      passwordSecretId?: string;
      privProtocol?: SnmpPrivProtocol;
      privPasswordSecretId?: string;
      contextName?: string;
    };

export interface SnmpConfig {
  auths: Record<string, SnmpAuth>;
  modules: Record<string, SnmpModule>;
}

/** What goes where a secret is used, by its SecretStore id: configFiles passes a secret reference. */
export type ResolveSecret = (secretId: string) => string;

// ---- validated params of auths ----

export const snmpAuthProtocols = ['MD5', 'SHA', 'SHA224', 'SHA256', 'SHA384', 'SHA512'] as const;
export type SnmpAuthProtocol = (typeof snmpAuthProtocols)[number];
export const snmpPrivProtocols = ['DES', 'AES', 'AES192', 'AES256', 'AES192C', 'AES256C'] as const;
export type SnmpPrivProtocol = (typeof snmpPrivProtocols)[number];

export const SnmpNameSchema = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'a name like public_v2');
/** A numeric OID; Debian ships no MIBs, so names would not resolve. */
export const NumericOidSchema = z.string().regex(/^1(\.\d{1,10}){1,63}$/, 'a numeric OID like 1.3.6.1.2.1.1');

export const SnmpAuthParamsSchema = z.discriminatedUnion('version', [
  z
    .object({
      name: SnmpNameSchema,
      version: z.enum(['v1', 'v2c']),
      /** A community is a weak secret, but still one: it stays in the SecretStore. */
      communitySecretId: SecretIdSchema,
    })
    .strict(),
  z
    .object({
      name: SnmpNameSchema,
      version: z.literal('v3'),
      username: z
        .string()
        .min(1)
        .max(64)
        .regex(/^[\x21-\x7e]+$/, 'printable, no spaces'),
      securityLevel: z.enum(['noAuthNoPriv', 'authNoPriv', 'authPriv']),
      authProtocol: z.enum(snmpAuthProtocols).default('SHA'),
      passwordSecretId: SecretIdSchema.optional(),
      privProtocol: z.enum(snmpPrivProtocols).default('AES'),
      privPasswordSecretId: SecretIdSchema.optional(),
      contextName: z
        .string()
        .max(64)
        .regex(/^[\x21-\x7e]*$/)
        .optional(),
    })
    .strict()
    .refine((auth) => auth.securityLevel === 'noAuthNoPriv' || auth.passwordSecretId !== undefined, {
      message: 'authNoPriv and authPriv need the auth password',
    })
    .refine((auth) => auth.securityLevel !== 'authPriv' || auth.privPasswordSecretId !== undefined, {
      message: 'authPriv needs the privacy password',
    }),
]);
export type SnmpAuthParams = z.output<typeof SnmpAuthParamsSchema>;

export function toSnmpAuth(params: SnmpAuthParams): SnmpAuth {
  if (params.version !== 'v3') {
    return { version: params.version === 'v1' ? 1 : 2, communitySecretId: params.communitySecretId };
  }
  const withAuth = params.securityLevel !== 'noAuthNoPriv';
  const withPriv = params.securityLevel === 'authPriv';
  return {
    version: 3,
    username: params.username,
    securityLevel: params.securityLevel,
    ...(withAuth ? { authProtocol: params.authProtocol, passwordSecretId: params.passwordSecretId } : {}),
    ...(withPriv
      ? { privProtocol: params.privProtocol, privPasswordSecretId: params.privPasswordSecretId }
      : {}),
    ...(params.contextName ? { contextName: params.contextName } : {}),
  };
}

// ---- rendering ----

export type SnmpLayout = 'split' | 'legacy';

/** snmp_exporter split auths from modules in 0.23. */
export function snmpLayoutFor(version: string): SnmpLayout {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 0 || minor >= 23 ? 'split' : 'legacy';
}

/** In the 0.21 layout each (module, auth) pair is a module of its own. */
export function legacyModuleName(module: string, auth: string): string {
  return `${module}__${auth}`;
}

type YamlAuth = Record<string, string | number>;

/** One auth in snmp.yml's key names, secrets resolved; `version` sits inside it from 0.23. */
export function renderAuth(auth: SnmpAuth, resolveSecret: ResolveSecret, withVersion: boolean): YamlAuth {
  const out: YamlAuth = {};
  if (auth.version !== 3) {
    out.community = resolveSecret(auth.communitySecretId);
  } else {
    out.security_level = auth.securityLevel;
    out.username = auth.username;
    if (auth.passwordSecretId !== undefined) out.password = resolveSecret(auth.passwordSecretId);
    if (auth.authProtocol !== undefined) out.auth_protocol = auth.authProtocol;
    if (auth.privProtocol !== undefined) out.priv_protocol = auth.privProtocol;
    if (auth.privPasswordSecretId !== undefined) out.priv_password = resolveSecret(auth.privPasswordSecretId);
    if (auth.contextName !== undefined) out.context_name = auth.contextName;
  }
  if (withVersion) out.version = auth.version;
  return out;
}

// Modules share index and lookup objects; anchors would only puzzle a reader.
/** Go reads enum_values as map[int]string: JS object keys are strings, so pass a Map. */
export function yamlModule(module: SnmpModule): unknown {
  return {
    ...module,
    metrics: module.metrics.map(({ enum_values: enumValues, ...metric }) =>
      enumValues
        ? {
            ...metric,
            enum_values: new Map(Object.entries(enumValues).map(([key, value]) => [Number(key), value])),
          }
        : metric,
    ),
  };
}

const yamlOptions = { sortMapEntries: true, lineWidth: 0, aliasDuplicateObjects: false } as const;

/** snmp.yml for snmp_exporter ≥ 0.23: `auths:` and `modules:` picked per scrape. */
export function renderSnmpYamlSplit(config: SnmpConfig, resolveSecret: ResolveSecret): string {
  const auths = Object.fromEntries(
    Object.entries(config.auths).map(([name, auth]) => [name, renderAuth(auth, resolveSecret, true)]),
  );
  const modules = Object.fromEntries(
    Object.entries(config.modules).map(([name, module]) => [name, yamlModule(module)]),
  );
  return stringify({ auths, modules }, yamlOptions);
}

/**
 * snmp.yml for snmp_exporter 0.21: modules at the top level (no `modules:` key), one per
 * (module, auth) pair in use, named by legacyModuleName, with `version` and `auth` inside.
 */
export function renderSnmpYamlLegacy(
  config: SnmpConfig,
  pairs: readonly { module: string; auth: string }[],
  resolveSecret: ResolveSecret,
): string {
  const modules: Record<string, unknown> = {};
  for (const { module, auth } of pairs) {
    const moduleModel = config.modules[module];
    const authModel = config.auths[auth];
    if (!moduleModel || !authModel) throw new Error(`unknown SNMP module ${module} or auth ${auth}`);
    modules[legacyModuleName(module, auth)] = {
      ...(yamlModule(moduleModel) as object),
      version: authModel.version,
      auth: renderAuth(authModel, resolveSecret, false),
    };
  }
  return stringify(modules, yamlOptions);
}

// ---- generator.yml, for users who bring their own MIBs ----

export interface GeneratorModule {
  /** MIB object names or numeric OIDs. */
  walk: string[];
  lookups?: { source_indexes: string[]; lookup: string }[];
  overrides?: Record<string, { ignore?: boolean; type?: string }>;
}

/** generator.yml in the layout of the generator that matches the exporter's version. */
export function renderGeneratorYaml(
  modules: Record<string, GeneratorModule>,
  auths: Record<string, SnmpAuth>,
  layout: SnmpLayout,
  resolveSecret: ResolveSecret,
  /** Legacy layout only: the auth baked into each module. */
  moduleAuths: Record<string, string> = {},
): string {
  if (layout === 'split') {
    return stringify(
      {
        auths: Object.fromEntries(
          Object.entries(auths).map(([name, auth]) => [name, renderAuth(auth, resolveSecret, true)]),
        ),
        modules,
      },
      yamlOptions,
    );
  }
  const legacy = Object.fromEntries(
    Object.entries(modules).map(([name, module]) => {
      const authName = moduleAuths[name];
      const auth = authName === undefined ? undefined : auths[authName];
      if (!auth) return [name, module];
      return [name, { ...module, version: auth.version, auth: renderAuth(auth, resolveSecret, false) }];
    }),
  );
  return stringify({ modules: legacy }, yamlOptions);
}

// ---- built-in modules ----

const ifIndex: SnmpIndex[] = [{ labelname: 'ifIndex', type: 'gauge' }];
const ifLookups: SnmpLookup[] = [
  { labels: ['ifIndex'], labelname: 'ifDescr', oid: '1.3.6.1.2.1.2.2.1.2', type: 'DisplayString' },
  { labels: ['ifIndex'], labelname: 'ifName', oid: '1.3.6.1.2.1.31.1.1.1.1', type: 'DisplayString' },
];
const sysUpTime: SnmpMetric = {
  name: 'sysUpTime',
  oid: '1.3.6.1.2.1.1.3',
  type: 'gauge',
  help: 'Time since the network management part of the system was last re-initialised, in hundredths of a second.',
};

function column(
  name: string,
  oid: string,
  type: SnmpValueType,
  help: string,
  indexes: SnmpIndex[],
  lookups: SnmpLookup[] = [],
  enumValues?: Record<number, string>,
): SnmpMetric {
  return {
    name,
    oid,
    type,
    help,
    indexes,
    ...(lookups.length > 0 ? { lookups } : {}),
    ...(enumValues ? { enum_values: enumValues } : {}),
  };
}

function scalar(name: string, oid: string, type: SnmpValueType, help: string): SnmpMetric {
  return { name, oid, type, help };
}

const ifStatus = {
  1: 'up',
  2: 'down',
  3: 'testing',
  4: 'unknown',
  5: 'dormant',
  6: 'notPresent',
  7: 'lowerLayerDown',
};
const ifColumn = (name: string, oid: string, type: SnmpValueType, help: string): SnmpMetric =>
  column(name, oid, type, help, ifIndex, ifLookups);

const ifMib: SnmpModule = {
  walk: ['1.3.6.1.2.1.2.2.1', '1.3.6.1.2.1.31.1.1.1'],
  get: ['1.3.6.1.2.1.1.3.0'],
  metrics: [
    sysUpTime,
    ifColumn('ifMtu', '1.3.6.1.2.1.2.2.1.4', 'gauge', 'Largest packet size the interface sends, in octets.'),
    ifColumn('ifSpeed', '1.3.6.1.2.1.2.2.1.5', 'gauge', 'Bandwidth of the interface in bits per second.'),
    {
      ...ifColumn('ifAdminStatus', '1.3.6.1.2.1.2.2.1.7', 'gauge', 'Desired state of the interface.'),
      enum_values: { 1: 'up', 2: 'down', 3: 'testing' },
    },
    {
      ...ifColumn(
        'ifOperStatus',
        '1.3.6.1.2.1.2.2.1.8',
        'gauge',
        'Current operational state of the interface.',
      ),
      enum_values: ifStatus,
    },
    ifColumn('ifInDiscards', '1.3.6.1.2.1.2.2.1.13', 'counter', 'Inbound packets discarded.'),
    ifColumn('ifInErrors', '1.3.6.1.2.1.2.2.1.14', 'counter', 'Inbound packets with errors.'),
    ifColumn('ifOutDiscards', '1.3.6.1.2.1.2.2.1.19', 'counter', 'Outbound packets discarded.'),
    ifColumn('ifOutErrors', '1.3.6.1.2.1.2.2.1.20', 'counter', 'Outbound packets with errors.'),
    ifColumn('ifHCInOctets', '1.3.6.1.2.1.31.1.1.1.6', 'counter', 'Octets received (64-bit).'),
    ifColumn('ifHCOutOctets', '1.3.6.1.2.1.31.1.1.1.10', 'counter', 'Octets sent (64-bit).'),
    ifColumn('ifHighSpeed', '1.3.6.1.2.1.31.1.1.1.15', 'gauge', 'Bandwidth of the interface in Mbit/s.'),
    ifColumn(
      'ifAlias',
      '1.3.6.1.2.1.31.1.1.1.18',
      'DisplayString',
      'Alias the administrator gave the interface.',
    ),
  ],
};

// SYNOLOGY-SYSTEM-MIB, -DISK-MIB and -RAID-MIB under 1.3.6.1.4.1.6574.
const synologySystem = '1.3.6.1.4.1.6574.1';
const diskIndex: SnmpIndex[] = [{ labelname: 'diskIndex', type: 'gauge' }];
const diskLookups: SnmpLookup[] = [
  { labels: ['diskIndex'], labelname: 'diskID', oid: '1.3.6.1.4.1.6574.2.1.1.2', type: 'DisplayString' },
];
const raidIndex: SnmpIndex[] = [{ labelname: 'raidIndex', type: 'gauge' }];
const raidLookups: SnmpLookup[] = [
  { labels: ['raidIndex'], labelname: 'raidName', oid: '1.3.6.1.4.1.6574.3.1.1.2', type: 'DisplayString' },
];

const synology: SnmpModule = {
  walk: ['1.3.6.1.4.1.6574.2.1.1', '1.3.6.1.4.1.6574.3.1.1'],
  get: [
    '1.3.6.1.2.1.1.3.0',
    `${synologySystem}.1.0`,
    `${synologySystem}.2.0`,
    `${synologySystem}.3.0`,
    `${synologySystem}.4.1.0`,
    `${synologySystem}.4.2.0`,
    `${synologySystem}.5.1.0`,
    `${synologySystem}.5.3.0`,
  ],
  metrics: [
    sysUpTime,
    scalar('systemStatus', `${synologySystem}.1`, 'gauge', 'System partition status: 1 normal, 2 failed.'),
    scalar('temperature', `${synologySystem}.2`, 'gauge', 'System temperature in °C.'),
    scalar('powerStatus', `${synologySystem}.3`, 'gauge', 'Power supply status: 1 normal, 2 failed.'),
    scalar('systemFanStatus', `${synologySystem}.4.1`, 'gauge', 'System fan status: 1 normal, 2 failed.'),
    scalar('cpuFanStatus', `${synologySystem}.4.2`, 'gauge', 'CPU fan status: 1 normal, 2 failed.'),
    scalar('modelName', `${synologySystem}.5.1`, 'DisplayString', 'Model name of the NAS.'),
    scalar('version', `${synologySystem}.5.3`, 'DisplayString', 'DSM version.'),
    column(
      'diskModel',
      '1.3.6.1.4.1.6574.2.1.1.3',
      'DisplayString',
      'Model of the disk.',
      diskIndex,
      diskLookups,
    ),
    column(
      'diskStatus',
      '1.3.6.1.4.1.6574.2.1.1.5',
      'gauge',
      'Disk status: 1 normal, 2 initialized, 3 not initialized, 4 system partition failed, 5 crashed.',
      diskIndex,
      diskLookups,
    ),
    column(
      'diskTemperature',
      '1.3.6.1.4.1.6574.2.1.1.6',
      'gauge',
      'Disk temperature in °C.',
      diskIndex,
      diskLookups,
    ),
    column(
      'raidStatus',
      '1.3.6.1.4.1.6574.3.1.1.3',
      'gauge',
      'RAID status: 1 normal, 2 repairing, … 11 degrade, 12 crashed.',
      raidIndex,
      raidLookups,
    ),
    column(
      'raidFreeSize',
      '1.3.6.1.4.1.6574.3.1.1.4',
      'gauge',
      'Free space of the volume, bytes.',
      raidIndex,
      raidLookups,
    ),
    column(
      'raidTotalSize',
      '1.3.6.1.4.1.6574.3.1.1.5',
      'gauge',
      'Size of the volume, bytes.',
      raidIndex,
      raidLookups,
    ),
  ],
};

// UBNT-UniFi-MIB: the virtual access point table and the AP system group.
const unifiVap = '1.3.6.1.4.1.41112.1.6.1.2.1';
const vapIndex: SnmpIndex[] = [{ labelname: 'unifiVapIndex', type: 'gauge' }];
const vapLookups: SnmpLookup[] = [
  { labels: ['unifiVapIndex'], labelname: 'unifiVapEssId', oid: `${unifiVap}.6`, type: 'DisplayString' },
  { labels: ['unifiVapIndex'], labelname: 'unifiVapRadio', oid: `${unifiVap}.9`, type: 'DisplayString' },
];
const vapColumn = (name: string, suffix: number, type: SnmpValueType, help: string): SnmpMetric =>
  column(name, `${unifiVap}.${suffix}`, type, help, vapIndex, vapLookups);

const unifi: SnmpModule = {
  walk: [unifiVap],
  get: ['1.3.6.1.2.1.1.3.0', '1.3.6.1.4.1.41112.1.6.3.3.0', '1.3.6.1.4.1.41112.1.6.3.6.0'],
  metrics: [
    sysUpTime,
    scalar('unifiApSystemModel', '1.3.6.1.4.1.41112.1.6.3.3', 'DisplayString', 'Model of the access point.'),
    scalar('unifiApSystemVersion', '1.3.6.1.4.1.41112.1.6.3.6', 'DisplayString', 'Firmware version.'),
    vapColumn('unifiVapChannel', 4, 'gauge', 'Radio channel of the VAP.'),
    vapColumn('unifiVapNumStations', 8, 'gauge', 'Clients associated with the VAP.'),
    vapColumn('unifiVapRxBytes', 10, 'counter', 'Bytes received.'),
    vapColumn('unifiVapRxErrors', 13, 'counter', 'Receive errors.'),
    vapColumn('unifiVapTxBytes', 16, 'counter', 'Bytes sent.'),
    vapColumn('unifiVapTxErrors', 18, 'counter', 'Send errors.'),
    vapColumn('unifiVapTxRetries', 20, 'counter', 'Send retries.'),
  ],
};

// PowerNet-MIB (APC) under 1.3.6.1.4.1.318: UPS scalars and the rack PDU tables.
const apcUps = '1.3.6.1.4.1.318.1.1.1';
const apcUpsModule: SnmpModule = {
  walk: [],
  get: [
    '1.3.6.1.2.1.1.3.0',
    `${apcUps}.1.1.1.0`,
    `${apcUps}.2.1.1.0`,
    `${apcUps}.2.2.1.0`,
    `${apcUps}.2.2.2.0`,
    `${apcUps}.2.2.3.0`,
    `${apcUps}.3.2.1.0`,
    `${apcUps}.4.1.1.0`,
    `${apcUps}.4.2.3.0`,
  ],
  metrics: [
    sysUpTime,
    scalar('upsBasicIdentModel', `${apcUps}.1.1.1`, 'DisplayString', 'Model of the UPS.'),
    scalar(
      'upsBasicBatteryStatus',
      `${apcUps}.2.1.1`,
      'gauge',
      'Battery: 1 unknown, 2 normal, 3 low, 4 fault.',
    ),
    scalar('upsAdvBatteryCapacity', `${apcUps}.2.2.1`, 'gauge', 'Remaining battery capacity, percent.'),
    scalar('upsAdvBatteryTemperature', `${apcUps}.2.2.2`, 'gauge', 'Battery temperature in °C.'),
    scalar(
      'upsAdvBatteryRunTimeRemaining',
      `${apcUps}.2.2.3`,
      'gauge',
      'Runtime left, hundredths of a second.',
    ),
    scalar('upsAdvInputLineVoltage', `${apcUps}.3.2.1`, 'gauge', 'Input line voltage, VAC.'),
    scalar('upsBasicOutputStatus', `${apcUps}.4.1.1`, 'gauge', 'Output status: 2 on line, 3 on battery, …'),
    scalar('upsAdvOutputLoad', `${apcUps}.4.2.3`, 'gauge', 'Output load, percent of capacity.'),
  ],
};

const apcPdu = '1.3.6.1.4.1.318.1.1.12';
const loadIndex: SnmpIndex[] = [{ labelname: 'rPDULoadStatusIndex', type: 'gauge' }];
const outletIndex: SnmpIndex[] = [{ labelname: 'rPDUOutletStatusIndex', type: 'gauge' }];
const outletLookups: SnmpLookup[] = [
  {
    labels: ['rPDUOutletStatusIndex'],
    labelname: 'rPDUOutletStatusOutletName',
    oid: `${apcPdu}.3.5.1.1.2`,
    type: 'DisplayString',
  },
];
const apcPduModule: SnmpModule = {
  walk: [`${apcPdu}.2.3.1.1`, `${apcPdu}.3.5.1.1`],
  get: ['1.3.6.1.2.1.1.3.0', `${apcPdu}.1.5.0`],
  metrics: [
    sysUpTime,
    scalar('rPDUIdentModelNumber', `${apcPdu}.1.5`, 'DisplayString', 'Model of the PDU.'),
    column(
      'rPDULoadStatusLoad',
      `${apcPdu}.2.3.1.1.2`,
      'gauge',
      'Phase or bank load, tenths of an ampere.',
      loadIndex,
    ),
    column(
      'rPDULoadStatusLoadState',
      `${apcPdu}.2.3.1.1.3`,
      'gauge',
      'Load state: 1 normal, 2 low, 3 near overload, 4 overload.',
      loadIndex,
    ),
    column(
      'rPDUOutletStatusOutletState',
      `${apcPdu}.3.5.1.1.4`,
      'gauge',
      'Outlet state: 1 on, 2 off.',
      outletIndex,
      outletLookups,
    ),
  ],
};

export const builtinSnmpModules = {
  if_mib: ifMib,
  synology,
  unifi,
  apc_ups: apcUpsModule,
  apc_pdu: apcPduModule,
} satisfies Record<string, SnmpModule>;
export type BuiltinSnmpModule = keyof typeof builtinSnmpModules;
export const builtinSnmpModuleNames = Object.keys(builtinSnmpModules) as BuiltinSnmpModule[];
