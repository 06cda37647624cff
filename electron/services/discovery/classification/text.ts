// Text from the network is hostile: an SNMP agent or a web server chooses its sysDescr,
// banner and title. Rules read it bounded, and evidence shows it cleaned and short.
import type { Service, SnmpInfo } from '@shared/contract';
import { printableText } from '../probes/printable-text';
import type { HostFacts } from './host-facts';

/** Rules see at most this much of any one text, so no pattern runs over megabytes. */
export const maxFactLength = 1024;
/** A scan probes at most 256 ports; more services than that is not a real host. */
export const maxServices = 256;
const maxNameLength = 64;

export function bounded(text: string, max = maxFactLength): string {
  return text.length > max ? text.slice(0, max) : text;
}

function boundedOptional(text: string | undefined, max = maxFactLength): string | undefined {
  return text === undefined ? undefined : bounded(text, max);
}

function boundSnmp(snmp: SnmpInfo): SnmpInfo {
  return {
    ...snmp,
    credential: bounded(snmp.credential, maxNameLength),
    sysDescr: bounded(snmp.sysDescr),
    sysObjectID: bounded(snmp.sysObjectID, 256),
    sysName: bounded(snmp.sysName),
    sysLocation: bounded(snmp.sysLocation),
    sysContact: bounded(snmp.sysContact),
    vendor: snmp.vendor && {
      model: boundedOptional(snmp.vendor.model, maxNameLength),
      version: boundedOptional(snmp.vendor.version, maxNameLength),
      serial: boundedOptional(snmp.vendor.serial, maxNameLength),
    },
  };
}

function boundService(service: Service): Service {
  return {
    ...service,
    banner: boundedOptional(service.banner),
    httpTitle: boundedOptional(service.httpTitle),
    httpServer: boundedOptional(service.httpServer),
    exporter: service.exporter && {
      name: bounded(service.exporter.name, maxNameLength),
      version: boundedOptional(service.exporter.version, maxNameLength),
    },
  };
}

/** A copy of the facts with every text cut to a size the rules can read safely. */
export function boundFacts(facts: HostFacts): HostFacts {
  return {
    address: bounded(facts.address, 255),
    hostname: boundedOptional(facts.hostname, 255),
    liveness: facts.liveness,
    mac: boundedOptional(facts.mac, maxNameLength),
    // oui-data gives the registrant's postal address after the name, one line each.
    macVendor: facts.macVendor === undefined ? undefined : bounded(facts.macVendor.split('\n')[0] ?? ''),
    snmp: facts.snmp && boundSnmp(facts.snmp),
    services: facts.services.slice(0, maxServices).map(boundService),
  };
}

/**
 * The text as one printable line of at most `max` characters, cut with an ellipsis. The
 * probes' printableText removes what could forge a line or disguise a value (controls,
 * bidirectional overrides).
 */
export function displayText(text: string, max = 80): string {
  const whole = printableText(text, Number.POSITIVE_INFINITY) ?? '';
  const characters = Array.from(whole);
  if (characters.length <= max) return whole;
  return `${characters
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/** A value from the network, cleaned, shortened and quoted for an evidence line. */
export function quote(text: string, max = 60): string {
  return `"${displayText(text, max)}"`;
}
