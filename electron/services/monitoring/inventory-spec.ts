// The monitoring spec a scan implies: exporters found running (and, when asked, the ones
// discovery suggests) on each host, ICMP/HTTP probes through a blackbox_exporter, and
// SNMP devices through an snmp_exporter. What cannot be placed is said in notes.
import {
  PromsteadError,
  type DiscoveredHost,
  type ExporterId,
  type Inventory,
  type MonitoredExporter,
  type MonitoringSpec,
  type ScrapeTierName,
  type Suggestion,
} from '@shared/contract';
import { type BuiltinSnmpModule, findExporter } from '../exporters';

export interface InventorySpecOptions {
  includeSuggested: boolean;
  /** Host (name or address) where blackbox_exporter and snmp_exporter run. */
  probeHost?: string;
  global?: MonitoringSpec['global'];
}

/**
 * Probes and device polls are what a person watches first; SNMP counters of a switch move
 * slowly enough for the low tier. Everything else is standard.
 */
const tierOf = (exporter: ExporterId): ScrapeTierName =>
  exporter === 'blackbox_exporter' ? 'critical' : exporter === 'snmp_exporter' ? 'low' : 'standard';

/** Exporters that need a secret to run; the spec names the SecretStore id deploy will ask for. */
const secretParams: Partial<Record<ExporterId, string>> = {
  postgres_exporter: 'passwordSecretId',
  mysqld_exporter: 'passwordSecretId',
  mongodb_exporter: 'passwordSecretId',
  unpoller: 'passwordSecretId',
};

interface SnmpDevice {
  address: string;
  modules: string[];
  version: 'v1' | 'v2c' | 'v3';
  credential: string;
}

export function specFromInventory(
  inventory: Inventory,
  options: InventorySpecOptions,
): { spec: MonitoringSpec; notes: string[] } {
  if (inventory.hosts.length === 0) {
    throw new PromsteadError(
      'NOT_FOUND',
      'No hosts in the saved inventory: run a scan first (`promstead scan`).',
    );
  }
  const notes: string[] = [];
  const hosts = inventory.hosts.filter((host) => host.seenInLastScan);
  const missing = inventory.hosts.length - hosts.length;
  if (missing > 0) notes.push(`${missing} host(s) not seen in the last scan were left out.`);

  const exporters: MonitoredExporter[] = [];
  const icmpTargets: string[] = [];
  const httpTargets: string[] = [];
  const snmpDevices: SnmpDevice[] = [];
  let foundBlackbox: string | undefined;
  let foundSnmpExporter: string | undefined;
  const placeholderSecrets: string[] = [];

  for (const host of [...hosts].sort((a, b) => a.address.localeCompare(b.address, 'en', { numeric: true }))) {
    for (const suggestion of host.suggestions) {
      const wanted = suggestion.present || options.includeSuggested;
      switch (suggestion.exporter) {
        case 'blackbox_icmp':
          if (wanted) icmpTargets.push(suggestion.target ?? host.address);
          break;
        case 'blackbox_http':
          if (wanted && suggestion.target) httpTargets.push(suggestion.target);
          break;
        case 'blackbox_exporter':
          if (suggestion.present) foundBlackbox ??= host.address;
          break;
        case 'snmp_exporter':
          if (suggestion.present) foundSnmpExporter ??= host.address;
          else if (wanted && host.snmp) {
            snmpDevices.push({
              address: host.address,
              modules: catalogSnmpModules(host.address, suggestion.modules ?? [], notes),
              version: host.snmp.version,
              credential: host.snmp.credential,
            });
          }
          break;
        default:
          if (!wanted) break;
          if (!findExporter(suggestion.exporter)) {
            notes.push(`${suggestion.exporter} on ${host.address} is not in the catalog yet; left out.`);
            break;
          }
          exporters.push(hostExporter(host, suggestion, placeholderSecrets));
      }
    }
  }

  const probeHost = options.probeHost ?? foundBlackbox;
  if (icmpTargets.length + httpTargets.length > 0) {
    if (probeHost) exporters.push(blackboxEntry(probeHost, icmpTargets, httpTargets));
    else
      notes.push(
        `${icmpTargets.length} ping and ${httpTargets.length} HTTP probe(s) left out: say where blackbox_exporter runs (--probe-host).`,
      );
  }
  const snmpHost = options.probeHost ?? foundSnmpExporter;
  if (snmpDevices.length > 0) {
    if (snmpHost) exporters.push(snmpEntry(snmpHost, snmpDevices, placeholderSecrets));
    else
      notes.push(
        `${snmpDevices.length} SNMP device(s) left out: say where snmp_exporter runs (--probe-host).`,
      );
  }
  if (placeholderSecrets.length > 0) {
    notes.push(
      `Deploying these needs secrets stored under the ids ${[...new Set(placeholderSecrets)].join(', ')} (Promstead asks for them at deploy).`,
    );
  }
  return {
    spec: {
      global: options.global ?? { externalLabels: {} },
      exporters,
      alertmanagers: [],
    },
    notes,
  };
}

function hostExporter(
  host: DiscoveredHost,
  suggestion: Suggestion,
  placeholderSecrets: string[],
): MonitoredExporter {
  const params: Record<string, unknown> = {};
  // A running exporter is scraped where it answered; a suggested one at its default port.
  const port = suggestion.present ? portOf(suggestion.target) : undefined;
  if (port !== undefined) params.port = port;
  if (suggestion.exporter === 'unpoller' && suggestion.target) params.controllerUrl = suggestion.target;
  const secretParam = secretParams[suggestion.exporter];
  if (secretParam) {
    const secretId = `${suggestion.exporter}.${host.address}`;
    params[secretParam] = secretId;
    placeholderSecrets.push(secretId);
  }
  return {
    exporter: suggestion.exporter,
    host: host.address,
    tier: tierOf(suggestion.exporter),
    params,
    labels: { role: host.classification.kind },
  };
}

function blackboxEntry(probeHost: string, icmpTargets: string[], httpTargets: string[]): MonitoredExporter {
  const modules: Record<string, unknown>[] = [];
  if (icmpTargets.length > 0) modules.push({ preset: 'icmp', targets: unique(icmpTargets) });
  if (httpTargets.length > 0) modules.push({ preset: 'http_2xx', targets: unique(httpTargets) });
  return {
    exporter: 'blackbox_exporter',
    host: probeHost,
    tier: tierOf('blackbox_exporter'),
    params: { modules },
  };
}

/**
 * One auth per distinct credential that answered the scan, named by version and order
 * (the community itself is a secret and stays out of prometheus.yml); one poll per
 * module and auth.
 */
function snmpEntry(snmpHost: string, devices: SnmpDevice[], placeholderSecrets: string[]): MonitoredExporter {
  const authNames = new Map<string, string>();
  const auths: Record<string, unknown>[] = [];
  const polls = new Map<string, { module: string; auth: string; targets: string[] }>();
  for (const device of devices) {
    const key = `${device.version}\u0000${device.credential}`;
    let auth = authNames.get(key);
    if (!auth) {
      auth = `${device.version}_${authNames.size + 1}`;
      authNames.set(key, auth);
      const secretId = `snmp.${auth}`;
      placeholderSecrets.push(secretId);
      auths.push(
        device.version === 'v3'
          ? {
              name: auth,
              version: 'v3',
              username: device.credential,
              securityLevel: 'authPriv',
              passwordSecretId: `${secretId}.auth`,
              privPasswordSecretId: `${secretId}.priv`,
            }
          : { name: auth, version: device.version, communitySecretId: secretId },
      );
    }
    for (const module of device.modules) {
      const pollKey = `${module}/${auth}`;
      const poll = polls.get(pollKey) ?? { module, auth, targets: [] };
      poll.targets.push(device.address);
      polls.set(pollKey, poll);
    }
  }
  return {
    exporter: 'snmp_exporter',
    host: snmpHost,
    tier: tierOf('snmp_exporter'),
    params: { auths, polls: [...polls.values()] },
  };
}

/**
 * Discovery names modules as upstream's snmp.yml does; the catalog ships its own with
 * numeric OIDs. A module it lacks is said in a note (generator.yml builds it from MIBs).
 */
const catalogModuleFor: Record<string, BuiltinSnmpModule> = {
  if_mib: 'if_mib',
  synology: 'synology',
  ubiquiti_unifi: 'unifi',
  apcups: 'apc_ups',
  apc_ups: 'apc_ups',
  apc_pdu: 'apc_pdu',
};

function catalogSnmpModules(address: string, suggested: readonly string[], notes: string[]): string[] {
  const modules = new Set<string>(['if_mib']);
  for (const name of suggested) {
    const module = Object.hasOwn(catalogModuleFor, name) ? catalogModuleFor[name] : undefined;
    if (module) modules.add(module);
    else
      notes.push(
        `${address}: the ${name} module is not built in; it is polled with if_mib only (build ${name} with generator.yml from the vendor's MIBs).`,
      );
  }
  return [...modules];
}

function portOf(target: string | undefined): number | undefined {
  const match = target ? /:(\d{1,5})$/.exec(target) : null;
  return match ? Number(match[1]) : undefined;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
