// The ports a scan tries when the user names none, and how each is probed: the probe
// decides which greeting or request can tell the service behind the port apart.

export type ProbeKind =
  | 'ssh'
  | 'http'
  | 'https'
  | 'docker'
  | 'docker-tls'
  | 'postgres'
  | 'mysql'
  | 'mongodb'
  | 'redis'
  | 'exporter';

export interface PortEntry {
  port: number;
  probe: ProbeKind;
  /** What usually listens there, for the person reading this table. */
  usual: string;
}

export const portTable = [
  { port: 22, probe: 'ssh', usual: 'OpenSSH' },
  { port: 80, probe: 'http', usual: 'web interfaces' },
  { port: 443, probe: 'https', usual: 'web interfaces' },
  { port: 2375, probe: 'docker', usual: 'Docker Engine API without TLS' },
  { port: 2376, probe: 'docker-tls', usual: 'Docker Engine API with TLS' },
  { port: 3306, probe: 'mysql', usual: 'MySQL, MariaDB' },
  { port: 5000, probe: 'http', usual: 'Synology DSM; a Docker registry' },
  { port: 5001, probe: 'https', usual: 'Synology DSM over HTTPS' },
  { port: 5432, probe: 'postgres', usual: 'PostgreSQL' },
  { port: 6379, probe: 'redis', usual: 'Redis' },
  { port: 8006, probe: 'https', usual: 'Proxmox VE' },
  { port: 8080, probe: 'http', usual: 'web interfaces; cAdvisor' },
  { port: 8443, probe: 'https', usual: 'UniFi controller; web interfaces' },
  { port: 9090, probe: 'exporter', usual: 'Prometheus' },
  { port: 9091, probe: 'exporter', usual: 'Pushgateway' },
  { port: 9100, probe: 'exporter', usual: 'node_exporter' },
  { port: 9104, probe: 'exporter', usual: 'mysqld_exporter' },
  { port: 9115, probe: 'exporter', usual: 'blackbox_exporter' },
  { port: 9116, probe: 'exporter', usual: 'snmp_exporter' },
  { port: 9121, probe: 'exporter', usual: 'redis_exporter' },
  { port: 9130, probe: 'exporter', usual: 'unpoller' },
  { port: 9187, probe: 'exporter', usual: 'postgres_exporter' },
  { port: 9216, probe: 'exporter', usual: 'mongodb_exporter' },
  { port: 27017, probe: 'mongodb', usual: 'MongoDB' },
] as const satisfies readonly PortEntry[];

/** The ports a scan probes when its input names none. */
export const defaultPorts: number[] = portTable.map((entry) => entry.port);

const probeByPort = new Map<number, ProbeKind>(portTable.map((entry) => [entry.port, entry.probe]));

/** How a port is probed; undefined for a port outside the table (it gets the generic probe). */
export function probeKindForPort(port: number): ProbeKind | undefined {
  return probeByPort.get(port);
}
