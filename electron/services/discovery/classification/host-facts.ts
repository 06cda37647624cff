// What a scan learned about one host: the only input classification and suggestions read.
import type { DiscoveredHost } from '@shared/contract';

/**
 * The scanned part of a DiscoveredHost, picked from the contract so the scan can build a
 * host record by spreading it: { address, hostname?, liveness: 'icmp' | 'tcp' | 'snmp' |
 * 'none', mac?, macVendor?, snmp?: SnmpInfo, services: Service[] }. latencyMs and
 * snmpError ride along to the record; no rule reads them.
 */
export type HostFacts = Pick<
  DiscoveredHost,
  'address' | 'hostname' | 'liveness' | 'latencyMs' | 'mac' | 'macVendor' | 'snmp' | 'snmpError' | 'services'
>;
