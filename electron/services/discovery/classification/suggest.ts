// Which exporters a classified host should get, and why; exporters already answering on
// the host are listed as present instead of being suggested again.
import {
  exporterIds,
  type Classification,
  type ExporterId,
  type Service,
  type Suggestion,
} from '@shared/contract';
import { identifyAgent } from './enterprise-numbers';
import type { HostFacts } from './host-facts';
import {
  databaseEngines,
  databaseServices,
  dockerApiService,
  hostPort,
  isEsxi,
  isUnifiDevice,
  linuxDistributionPattern,
  sshService,
  synologyModel,
  unifiApModel,
  unifiControllerService,
  webServices,
} from './host-signals';
import { kindLabels } from './kinds';
import { boundFacts, displayText, quote } from './text';

interface Ranked {
  suggestion: Suggestion;
  /** The port it concerns, to order several of one exporter; 0 for the host as a whole. */
  port: number;
}

/** Kinds that run node_exporter: Linux underneath (ESXi excepted, checked apart). */
const nodeExporterKinds: ReadonlySet<Classification['kind']> = new Set([
  'nas',
  'linux-server',
  'docker-host',
  'hypervisor',
  'database',
]);

/** Kinds whose own metrics are best read over SNMP. */
const snmpKinds: ReadonlySet<Classification['kind']> = new Set([
  'switch',
  'router',
  'access-point',
  'printer',
  'nas',
  'unknown',
]);

/** Probes run from the Prometheus side: never "present" on the host itself. */
const probeIds: ReadonlySet<ExporterId> = new Set(['blackbox_icmp', 'blackbox_http']);

/**
 * Older or alternative names programs report for the same exporter. A Map, not an object:
 * a name is the network's choice, and "constructor" must not find Object's.
 */
const exporterAliases: ReadonlyMap<string, ExporterId> = new Map([
  ['wmi_exporter', 'windows_exporter'],
  ['unifi_poller', 'unpoller'],
  ['unifipoller', 'unpoller'],
]);

function exporterIdOf(name: string): ExporterId | undefined {
  const normalized = name.trim().toLowerCase().replaceAll('-', '_');
  const id = exporterAliases.get(normalized) ?? exporterIds.find((known) => known === normalized);
  return id && !probeIds.has(id) ? id : undefined;
}

function presentExporter(facts: HostFacts, service: Service): Ranked | undefined {
  const name =
    service.exporter?.name ??
    (service.service === 'prometheus' || service.service === 'pushgateway' ? service.service : undefined);
  const id = name === undefined ? undefined : exporterIdOf(name);
  if (!name || !id) return undefined;
  const version = service.exporter?.version ? ` ${displayText(service.exporter.version, 32)}` : '';
  return {
    suggestion: {
      exporter: id,
      reason: `already running on :${service.port} (${displayText(name, 40)}${version})`,
      present: true,
      target: hostPort(facts.address, service.port),
    },
    port: service.port,
  };
}

function suggestion(exporter: ExporterId, reason: string, target: string, port = 0): Ranked {
  return { suggestion: { exporter, reason, present: false, target }, port };
}

/** "Synology DS920+ NAS", "Linux server". */
function hostTitle(classification: Classification): string {
  return [classification.vendor, classification.model, kindLabels[classification.kind]]
    .filter((part): part is string => Boolean(part))
    .join(' ');
}

/** The strongest evidence line, for reasons that say why the host is what it is. */
function because(classification: Classification): string {
  const line = classification.evidence[0];
  return line ? ` (${displayText(line, 100)})` : '';
}

/** What shows the host runs Linux, in a few words, for node_exporter's reason. */
function linuxEvidence(facts: HostFacts, classification: Classification): string {
  const distribution = linuxDistributionPattern.exec(sshService(facts)?.banner ?? '')?.[0];
  if (distribution) return `its SSH banner names ${distribution}`;
  if (/^Linux\b/.test(facts.snmp?.sysDescr ?? '')) return 'its sysDescr says Linux';
  const line = classification.evidence[0];
  return line ? `it is identified by ${displayText(line, 100)}` : 'it looks like a Linux host';
}

function hostAgents(facts: HostFacts, classification: Classification): Ranked[] {
  const suggestions: Ranked[] = [];
  const ssh = sshService(facts);
  const docker = dockerApiService(facts);
  if (nodeExporterKinds.has(classification.kind) && !isEsxi(facts) && (ssh || docker)) {
    const via = ssh
      ? `SSH on :${ssh.port} and ${linuxEvidence(facts, classification)}, so node_exporter can be installed`
      : `the Docker API on :${docker?.port ?? 2375} and ${linuxEvidence(facts, classification)}, so node_exporter can run as a container`;
    suggestions.push(
      suggestion(
        'node_exporter',
        `${hostTitle(classification)}: ${via} to report its CPU, memory, disks and network`,
        facts.address,
      ),
    );
  }
  const dockerEvidence = docker
    ? `Docker Engine API on :${docker.port}`
    : classification.kind === 'docker-host'
      ? `a Docker host${because(classification)}`
      : undefined;
  if (dockerEvidence && classification.kind !== 'windows') {
    suggestions.push(
      suggestion(
        'cadvisor',
        `${dockerEvidence}: cAdvisor reports each container's CPU, memory, disk and network`,
        facts.address,
      ),
    );
  }
  if (classification.kind === 'windows') {
    suggestions.push(
      suggestion(
        'windows_exporter',
        `${hostTitle(classification)}${because(classification)}: windows_exporter reports its CPU, memory, disks, network and services`,
        facts.address,
      ),
    );
  }
  return suggestions;
}

function snmpModules(facts: HostFacts, classification: Classification): string[] {
  const agent = identifyAgent(facts);
  // A variant replaces the vendor's module: an EdgeRouter has no UniFi MIB.
  const modules = ['if_mib', agent?.variant ? agent.variant.snmpModule : agent?.entry.snmpModule];
  if (classification.kind === 'printer') modules.push('printer_mib');
  if (synologyModel(facts)) modules.push('synology');
  if (unifiApModel(facts)) modules.push('ubiquiti_unifi');
  return [...new Set(modules.filter((module): module is string => module !== undefined))];
}

function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

function snmpAgent(facts: HostFacts, classification: Classification): Ranked[] {
  const snmp = facts.snmp;
  if (!snmp || !snmpKinds.has(classification.kind)) return [];
  const subject =
    classification.model ??
    (classification.vendor
      ? `${classification.vendor} ${classification.kind === 'unknown' ? 'device' : kindLabels[classification.kind]}`
      : snmp.sysName.trim()
        ? quote(snmp.sysName, 40)
        : 'an unidentified agent');
  const modules = snmpModules(facts, classification);
  let reason = `answers SNMP ${snmp.version} as ${subject}: snmp_exporter with the ${listed(modules)} module${modules.length > 1 ? 's' : ''}`;
  if (isUnifiDevice(facts) && ['access-point', 'switch', 'router'].includes(classification.kind)) {
    reason +=
      '. UniFi devices are best monitored through their controller with unpoller; point Promstead at the controller';
  }
  const ranked = suggestion('snmp_exporter', reason, facts.address);
  return [{ ...ranked, suggestion: { ...ranked.suggestion, modules } }];
}

function unifiController(facts: HostFacts): Ranked[] {
  const service = unifiControllerService(facts);
  if (!service) return [];
  const scheme = service.service === 'https' ? 'https' : 'http';
  return [
    suggestion(
      'unpoller',
      `runs a UniFi controller on :${service.port} (title ${quote(service.httpTitle ?? '', 40)}): unpoller reads every UniFi device's statistics from it, with a read-only controller account`,
      `${scheme}://${hostPort(facts.address, service.port)}`,
      service.port,
    ),
  ];
}

function databases(facts: HostFacts): Ranked[] {
  return databaseServices(facts).map((service) => {
    const engine = databaseEngines[service.service];
    return suggestion(
      engine.exporter,
      `${engine.label} answers on :${service.port}: ${engine.exporter} reads its health and load with a monitoring login`,
      hostPort(facts.address, service.port),
      service.port,
    );
  });
}

function probes(facts: HostFacts): Ranked[] {
  const icmp = suggestion(
    'blackbox_icmp',
    facts.liveness === 'icmp'
      ? 'answers ping: an ICMP probe records whether it is up and its round-trip time'
      : `found by ${facts.liveness === 'none' ? 'an earlier scan' : facts.liveness.toUpperCase()}, not ping: an ICMP probe shows whether it answers ping from the Prometheus host`,
    facts.address,
  );
  const http = webServices(facts).map((service) => {
    const scheme = service.service === 'https' ? 'https' : 'http';
    const title = service.httpTitle?.trim() ? ` (${quote(service.httpTitle, 40)})` : '';
    const tls = scheme === 'https' ? ', and when its certificate expires' : '';
    return suggestion(
      'blackbox_http',
      `web server on :${service.port}${title}: an HTTP probe checks that it answers, how fast${tls}`,
      `${scheme}://${hostPort(facts.address, service.port)}/`,
      service.port,
    );
  });
  return [icmp, ...http];
}

const exporterOrder = new Map<ExporterId, number>(exporterIds.map((id, index) => [id, index]));

/**
 * Ordered by the contract's exporter list, then by port, then by target: the same facts
 * always give the same list.
 */
function byStableOrder(a: Ranked, b: Ranked): number {
  return (
    (exporterOrder.get(a.suggestion.exporter) ?? 0) - (exporterOrder.get(b.suggestion.exporter) ?? 0) ||
    Number(b.suggestion.present) - Number(a.suggestion.present) ||
    a.port - b.port ||
    (a.suggestion.target ?? '').localeCompare(b.suggestion.target ?? '')
  );
}

export function suggestExporters(input: HostFacts, classification: Classification): Suggestion[] {
  const facts = boundFacts(input);
  const present = facts.services
    .map((service) => presentExporter(facts, service))
    .filter((ranked): ranked is Ranked => ranked !== undefined);
  const presentIds = new Set(present.map(({ suggestion: found }) => found.exporter));
  // One running instance stands for all: a second postgres_exporter is the user's call.
  const fresh = [
    ...hostAgents(facts, classification),
    ...snmpAgent(facts, classification),
    ...unifiController(facts),
    ...databases(facts),
    ...probes(facts),
  ].filter(({ suggestion: candidate }) => !presentIds.has(candidate.exporter));
  return [...present, ...fresh].sort(byStableOrder).map(({ suggestion: ranked }) => ranked);
}
