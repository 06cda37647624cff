// Small questions about a host's facts that rules and suggestions both ask: which
// enterprise its agent belongs to, whether SSH, Docker, a database or a UniFi controller
// answers. Facts are expected bounded (see text.ts).
import type { ExporterId, Service, ServiceName } from '@shared/contract';
import { oidIsUnder } from '../../snmp';
import type { HostFacts } from './host-facts';

const enterprisesArc = '1.3.6.1.4.1.';
const netSnmpEnterprise = 8072;

/** An OID in dotted numeric form: without a leading dot, "iso." spelled out as 1. */
export function normalizeOid(oid: string): string {
  const trimmed = oid.trim().replace(/^\./, '');
  return trimmed.startsWith('iso.') ? `1.${trimmed.slice(4)}` : trimmed;
}

/** The IANA enterprise number under 1.3.6.1.4.1, or undefined for any other OID. */
export function enterpriseOf(oid: string): number | undefined {
  const normalized = normalizeOid(oid);
  if (!normalized.startsWith(enterprisesArc)) return undefined;
  const arc = normalized.slice(enterprisesArc.length).split('.')[0] ?? '';
  return /^\d{1,10}$/.test(arc) ? Number(arc) : undefined;
}

/** Whether `oid` is `prefix` itself or inside its sub-tree (11.2.3.7.11 is not under 11.2.3.7.1). */
export function oidUnder(oid: string, prefix: string): boolean {
  return oidIsUnder(normalizeOid(oid), prefix);
}

export function sysDescrOf(facts: HostFacts): string {
  return facts.snmp?.sysDescr ?? '';
}

/** Distributions that tag their OpenSSH banner ("OpenSSH_9.2p1 Debian-2+deb12u3"). */
export const linuxDistributionPattern = /Debian|Ubuntu|Raspbian|Fedora|Alpine|CentOS|Red ?Hat/i;

export function sshService(facts: HostFacts): Service | undefined {
  return facts.services.find((service) => service.service === 'ssh');
}

export function servicesOnPort(facts: HostFacts, port: number): Service[] {
  return facts.services.filter((service) => service.port === port);
}

export function dockerApiService(facts: HostFacts): Service | undefined {
  return facts.services.find((service) => service.service === 'docker' || service.service === 'docker-tls');
}

export type DatabaseServiceName = Extract<ServiceName, 'postgres' | 'mysql' | 'mongodb' | 'redis'>;

/** Each database the scanner recognises, and the exporter that watches it. */
export const databaseEngines = {
  postgres: { label: 'PostgreSQL', exporter: 'postgres_exporter' },
  mysql: { label: 'MySQL/MariaDB', exporter: 'mysqld_exporter' },
  mongodb: { label: 'MongoDB', exporter: 'mongodb_exporter' },
  redis: { label: 'Redis', exporter: 'redis_exporter' },
} as const satisfies Record<DatabaseServiceName, { label: string; exporter: ExporterId }>;

export function isDatabaseService(service: Service): service is Service & { service: DatabaseServiceName } {
  return Object.hasOwn(databaseEngines, service.service);
}

export function databaseServices(facts: HostFacts): Array<Service & { service: DatabaseServiceName }> {
  return facts.services.filter(isDatabaseService);
}

export function webServices(facts: HostFacts): Service[] {
  return facts.services.filter((service) => service.service === 'http' || service.service === 'https');
}

/** The web UI of a UniFi Network controller (or a UniFi OS console that hosts one). */
export function unifiControllerService(facts: HostFacts): Service | undefined {
  return webServices(facts).find((service) => /UniFi/i.test(service.httpTitle ?? ''));
}

/**
 * The vendor MIB's model and version, when the agent is `enterprise`'s own or net-snmp's
 * generic one (which DSM and UniFi firmware report). SnmpInfo.vendor does not say which
 * MIB answered, so each caller also checks the values look like its vendor's.
 */
function vendorScalars(facts: HostFacts, enterprise: number): { model: string; version: string } | undefined {
  const snmp = facts.snmp;
  const model = snmp?.vendor?.model?.trim();
  if (!snmp || !model) return undefined;
  const agent = enterpriseOf(snmp.sysObjectID);
  if (agent !== undefined && agent !== enterprise && agent !== netSnmpEnterprise) return undefined;
  return { model, version: snmp.vendor?.version ?? '' };
}

/** The Synology model from SYNOLOGY-SYSTEM-MIB: a DSM version, or a Synology model name. */
export function synologyModel(facts: HostFacts): string | undefined {
  const scalars = vendorScalars(facts, 6574);
  if (!scalars) return undefined;
  const looksSynology =
    /^DSM\b/.test(scalars.version) || /^(?:DS|RS|FS|SA|DVA|NVR|RX|DX)\d{2,4}/.test(scalars.model);
  return looksSynology ? scalars.model : undefined;
}

/**
 * The AP model from UBNT-UniFi-MIB: with net-snmp's Linux ID and a Linux sysDescr, only
 * this OID tells a UniFi AP apart. Models read "UAP-AC-Pro", or a board code like "U7PG2".
 */
export function unifiApModel(facts: HostFacts): string | undefined {
  const scalars = vendorScalars(facts, 41112);
  return scalars && /^(?:UAP|UAL|U\d)/.test(scalars.model) ? scalars.model : undefined;
}

/** A device UniFi manages (AP, switch, gateway), as opposed to an EdgeMAX or airMAX one. */
export function isUnifiDevice(facts: HostFacts): boolean {
  return (
    unifiApModel(facts) !== undefined ||
    /^(?:UAP|U6|U7|UAL|USW|USL|US-\d|USG|UDM|UXG|UCG)|\bUniFi\b/.test(sysDescrOf(facts))
  );
}

/** CUPS on 631 is a computer sharing printers, not a printer. */
export function isCups(service: Service): boolean {
  return /CUPS/.test(`${service.httpTitle ?? ''} ${service.httpServer ?? ''}`);
}

export function isEsxi(facts: HostFacts): boolean {
  return (
    /VMware ESXi/.test(sysDescrOf(facts)) ||
    webServices(facts).some((service) => /VMware ESXi|VMware Host Client/.test(service.httpTitle ?? ''))
  );
}

/** A MAC that is all zeros (or all ones) carries no vendor: 00:00:00 is registered to Xerox. */
export function isPlaceholderMac(mac: string | undefined): boolean {
  if (mac === undefined) return false;
  const digits = mac.replace(/[^0-9a-f]/gi, '');
  return /^0+$/.test(digits) || /^f+$/i.test(digits);
}

/** Where a TCP service is reached, with IPv6 addresses bracketed. */
export function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
