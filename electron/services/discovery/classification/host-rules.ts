// Rules for general-purpose hosts: Windows, Linux, Docker and database hosts, mostly by
// the services they answer on.
import type { ClassificationRule } from './classification-rule';
import type { HostFacts } from './host-facts';
import {
  databaseEngines,
  databaseServices,
  isCups,
  isDatabaseService,
  linuxDistributionPattern,
} from './host-signals';
import { sysDescrShown } from './rule-evidence';
import { quote } from './text';

export const windowsRules = [
  {
    id: 'sysdescr-windows',
    when: { sysDescr: /\bWindows\b/ },
    gives: { kind: 'windows' },
    weight: 0.8,
    evidence: (facts) => `sysDescr ${sysDescrShown(facts)} → Windows`,
  },
  {
    id: 'port-rdp',
    when: { service: { ports: [3389] } },
    gives: { kind: 'windows' },
    weight: 0.6,
    evidence: () => 'Remote Desktop (RDP) open on :3389',
  },
  {
    id: 'port-winrm',
    when: { service: { ports: [5985, 5986] } },
    gives: { kind: 'windows' },
    weight: 0.4,
    evidence: (_facts, match) => `WinRM open on :${match.service?.port ?? 5985}`,
  },
  {
    id: 'ssh-windows',
    when: { service: { names: ['ssh'], banner: /for_Windows/ } },
    gives: { kind: 'windows' },
    weight: 0.7,
    evidence: (_facts, match) => `SSH banner ${quote(match.service?.banner ?? '')} → OpenSSH for Windows`,
  },
  {
    id: 'http-iis',
    when: { service: { httpServer: /Microsoft-IIS/ } },
    gives: { kind: 'windows' },
    weight: 0.5,
    evidence: (_facts, match) =>
      `web server on :${match.service?.port ?? 0} is ${quote(match.service?.httpServer ?? '')} → Windows`,
  },
  {
    id: 'exporter-windows',
    when: (facts) =>
      facts.services.some((service) => /^(?:windows|wmi)_exporter$/.test(service.exporter?.name ?? '')),
    gives: { kind: 'windows' },
    weight: 0.8,
    evidence: () => 'windows_exporter already answers',
  },
] as const satisfies readonly ClassificationRule[];

export const linuxRules = [
  {
    id: 'ssh-linux-distribution',
    when: { service: { names: ['ssh'], banner: linuxDistributionPattern } },
    gives: { kind: 'linux-server' },
    weight: 0.5,
    evidence: (_facts, match) => {
      const banner = match.service?.banner ?? '';
      const distribution = linuxDistributionPattern.exec(banner)?.[0] ?? 'Linux';
      return `SSH banner on :${match.service?.port ?? 22} ${quote(banner)} → ${distribution}`;
    },
  },
  {
    id: 'ssh-raspbian',
    when: { service: { names: ['ssh'], banner: /Raspbian/ } },
    gives: { kind: 'linux-server', vendor: 'Raspberry Pi' },
    weight: 0.3,
    evidence: () => 'SSH banner names Raspbian → a Raspberry Pi',
  },
  {
    id: 'ssh-openssh',
    when: {
      service: { names: ['ssh'], banner: /^SSH-[\d.]{1,5}-OpenSSH_(?!for_Windows)[^\s]*$/ },
    },
    gives: { kind: 'linux-server' },
    weight: 0.25,
    evidence: (_facts, match) =>
      `SSH on :${match.service?.port ?? 22} is OpenSSH without a distribution tag ${quote(match.service?.banner ?? '')}: Linux or another Unix`,
  },
  {
    id: 'sysdescr-linux',
    when: { sysDescr: /^Linux\b/ },
    gives: { kind: 'linux-server' },
    weight: 0.3,
    evidence: (facts) => `sysDescr starts with Linux: ${sysDescrShown(facts)}`,
  },
  {
    id: 'http-cups',
    when: (facts) => facts.services.some((service) => service.port === 631 && isCups(service)),
    gives: { kind: 'linux-server' },
    weight: 0.3,
    evidence: () => 'CUPS print server on :631: a computer sharing printers, not a printer',
  },
  {
    id: 'exporter-node',
    when: { service: { exporter: 'node_exporter' } },
    gives: { kind: 'linux-server' },
    weight: 0.3,
    evidence: (_facts, match) => `node_exporter already answers on :${match.service?.port ?? 9100}`,
  },
] as const satisfies readonly ClassificationRule[];

export const containerAndDatabaseRules = [
  {
    id: 'docker-api',
    when: { service: { names: ['docker', 'docker-tls'] } },
    gives: { kind: 'docker-host' },
    weight: 0.8,
    evidence: (_facts, match) =>
      `Docker Engine API on :${match.service?.port ?? 2375}${match.service?.service === 'docker-tls' ? ' (TLS)' : ''}`,
  },
  {
    id: 'exporter-cadvisor',
    when: { service: { exporter: 'cadvisor' } },
    gives: { kind: 'docker-host' },
    weight: 0.5,
    evidence: (_facts, match) => `cAdvisor already answers on :${match.service?.port ?? 8080}`,
  },
  {
    id: 'database-only',
    when: (facts) =>
      databaseServices(facts).length > 0 &&
      facts.services.every((service) => isDatabaseService(service) || service.exporter !== undefined),
    gives: { kind: 'database' },
    weight: 0.6,
    evidence: (facts) => `only database ports answer: ${databaseList(facts)}`,
  },
  {
    id: 'database-port',
    when: (facts) => databaseServices(facts).length > 0,
    gives: { kind: 'database' },
    weight: 0.25,
    evidence: (facts) => `database answers: ${databaseList(facts)}`,
  },
] as const satisfies readonly ClassificationRule[];

function databaseList(facts: HostFacts): string {
  return databaseServices(facts)
    .map((service) => `${databaseEngines[service.service].label} :${service.port}`)
    .join(', ');
}
