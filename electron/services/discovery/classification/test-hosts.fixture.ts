// Hosts for the classification tests: the lab's devices as its agents describe them, and
// the other kinds of host a homelab has, as a scan would report them.
import type { Service, SnmpInfo } from '@shared/contract';
import { labDatabases, labHosts, labSnmp } from '../../../../test/lab/lab-facts';
import type { HostFacts } from './host-facts';

type LabAgent = (typeof labSnmp.agents)[keyof typeof labSnmp.agents];

function snmpOf(agent: LabAgent, extra: Partial<SnmpInfo> = {}): SnmpInfo {
  return {
    version: 'v2c',
    credential: labSnmp.community,
    sysDescr: agent.sysDescr,
    sysObjectID: agent.sysObjectID,
    sysName: agent.sysName,
    sysLocation: agent.sysLocation,
    sysContact: agent.sysContact,
    sysUpTimeSeconds: 86_400,
    ...extra,
  };
}

/** An agent's answer with the given identity; the rest empty. */
export function snmpInfo(sysObjectID: string, sysDescr: string, extra: Partial<SnmpInfo> = {}): SnmpInfo {
  return {
    version: 'v2c',
    credential: 'public',
    sysDescr,
    sysObjectID,
    sysName: '',
    sysLocation: '',
    sysContact: '',
    sysUpTimeSeconds: 3600,
    ...extra,
  };
}

export const debianSsh: Service = {
  port: 22,
  service: 'ssh',
  banner: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3',
};
export const ubuntuSsh: Service = {
  port: 22,
  service: 'ssh',
  banner: 'SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5',
};

const nasVendor = labSnmp.agents.nas.vendorOids;
const apVendor = labSnmp.agents.accessPoint.vendorOids;

export const labNas: HostFacts = {
  address: labHosts.nas.address,
  hostname: labHosts.nas.hostname,
  liveness: 'icmp',
  snmp: snmpOf(labSnmp.agents.nas, {
    interfaces: { count: 3, up: 2 },
    vendor: {
      model: nasVendor.modelName.value,
      version: nasVendor.version.value,
      serial: nasVendor.serialNumber.value,
    },
  }),
  services: [
    debianSsh,
    { port: 5000, service: 'http', httpStatus: 200 },
    { port: labDatabases.postgres.port, service: 'postgres' },
    { port: labDatabases.mariadb.port, service: 'mysql' },
    { port: labDatabases.redis.port, service: 'redis' },
  ],
};

/** The NAS once Promstead has put node_exporter on it. */
export const labNasWithNodeExporter: HostFacts = {
  ...labNas,
  services: [
    ...labNas.services,
    { port: 9100, service: 'exporter', exporter: { name: 'node_exporter', version: '1.5.0' } },
  ],
};

export const labSwitch: HostFacts = {
  address: labHosts.switch.address,
  liveness: 'icmp',
  // lo, eth0, five ports and their five peers; three ports are up, and their peers.
  snmp: snmpOf(labSnmp.agents.switch, { interfaces: { count: 12, up: 8 } }),
  services: [],
};

export const labAccessPoint: HostFacts = {
  address: labHosts.accessPoint.address,
  liveness: 'icmp',
  snmp: snmpOf(labSnmp.agents.accessPoint, {
    interfaces: { count: 2, up: 2 },
    vendor: { model: apVendor.model.value, version: apVendor.version.value },
  }),
  services: [],
};

export const labPrinter: HostFacts = { address: labHosts.printer.address, liveness: 'icmp', services: [] };

export const linuxServer: HostFacts = { address: '192.168.1.10', liveness: 'icmp', services: [ubuntuSsh] };

export const dockerHost: HostFacts = {
  address: '192.168.1.11',
  liveness: 'icmp',
  services: [
    debianSsh,
    { port: 2375, service: 'docker' },
    { port: 80, service: 'http', httpTitle: 'Welcome to nginx!' },
  ],
};

export const proxmox: HostFacts = {
  address: '192.168.1.12',
  liveness: 'icmp',
  services: [
    debianSsh,
    {
      port: 8006,
      service: 'https',
      httpTitle: 'pve1 - Proxmox Virtual Environment',
      httpServer: 'pve-api-daemon/3.0',
    },
  ],
};

export const windowsHost: HostFacts = {
  address: '192.168.1.13',
  liveness: 'icmp',
  mac: '00:15:5d:01:02:03',
  services: [
    { port: 3389, service: 'unknown' },
    { port: 22, service: 'ssh', banner: 'SSH-2.0-OpenSSH_for_Windows_8.1' },
  ],
};

export const postgresOnly: HostFacts = {
  address: '192.168.1.14',
  liveness: 'tcp',
  services: [{ port: 5432, service: 'postgres' }],
};

export const unifiController: HostFacts = {
  address: '192.168.1.15',
  liveness: 'icmp',
  services: [
    ubuntuSsh,
    { port: 8080, service: 'http', httpStatus: 302 },
    { port: 8443, service: 'https', httpTitle: 'UniFi Network', httpStatus: 200 },
  ],
};

export const hpPrinter: HostFacts = {
  address: '192.168.1.20',
  liveness: 'icmp',
  macVendor: 'HP Inc.',
  snmp: snmpInfo('1.3.6.1.4.1.11.2.3.9.1', 'HP LaserJet MFP M234sdw, FW:20230118, SN:VNB3K12345', {
    version: 'v1',
    sysName: 'NPI3A2B1C',
  }),
  services: [
    { port: 80, service: 'http', httpTitle: 'HP LaserJet MFP M234sdw' },
    { port: 631, service: 'unknown' },
    // Raw printing on 9100, which a homelab scan expects to be node_exporter.
    { port: 9100, service: 'unknown' },
  ],
};

export const hpSwitch: HostFacts = {
  address: '192.168.1.21',
  liveness: 'icmp',
  macVendor: 'Hewlett Packard',
  snmp: snmpInfo(
    '1.3.6.1.4.1.11.2.3.7.11.160',
    'HP J9773A 2530-24G-PoEP Switch, revision YA.16.10.0003, ROM YA.15.20 (/ws/swbuildm/rel_yakima_qaoff/code/build/lakes)',
    { interfaces: { count: 28, up: 9 }, sysName: 'core-switch' },
  ),
  services: [{ port: 80, service: 'http', httpTitle: 'HP 2530-24G-PoEP' }],
};

export const apcUps: HostFacts = {
  address: '192.168.1.22',
  liveness: 'icmp',
  snmp: snmpInfo(
    '1.3.6.1.4.1.318.1.3.27',
    'APC Web/SNMP Management Card (MB:v4.1.0 PF:v6.9.6 PN:apc_hw05_aos_696.bin MN:AP9630 HR:05)',
    { version: 'v1' },
  ),
  services: [{ port: 80, service: 'http', httpTitle: 'Log On' }],
};

export const edgeRouter: HostFacts = {
  address: '192.168.1.1',
  liveness: 'icmp',
  snmp: snmpInfo('1.3.6.1.4.1.41112.1.5', 'EdgeOS v2.0.9-hotfix.7.5622731.230615.0857'),
  services: [{ port: 22, service: 'ssh', banner: 'SSH-2.0-OpenSSH_7.4p1 Debian-10+deb9u7' }],
};

export const esxi: HostFacts = {
  address: '192.168.1.23',
  liveness: 'icmp',
  snmp: snmpInfo('1.3.6.1.4.1.6876.4.1', 'VMware ESXi 7.0.3 build-20328353 VMware, Inc. x86_64'),
  services: [
    { port: 22, service: 'ssh', banner: 'SSH-2.0-OpenSSH_8.8' },
    { port: 443, service: 'https', httpTitle: 'VMware Host Client' },
  ],
};
