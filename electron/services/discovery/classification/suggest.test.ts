import { describe, expect, it } from 'vitest';
import type { Suggestion } from '@shared/contract';
import { classify } from './classify';
import type { HostFacts } from './host-facts';
import { suggestExporters } from './suggest';
import {
  apcUps,
  dockerHost,
  edgeRouter,
  esxi,
  hpPrinter,
  labAccessPoint,
  labNas,
  labNasWithNodeExporter,
  labPrinter,
  labSwitch,
  linuxServer,
  postgresOnly,
  proxmox,
  snmpInfo,
  unifiController,
  windowsHost,
} from './test-hosts.fixture';

function suggest(facts: HostFacts): Suggestion[] {
  return suggestExporters(facts, classify(facts));
}

/** "exporter target" for each suggestion, with a star for present ones: the order at a glance. */
function summary(facts: HostFacts): string[] {
  return suggest(facts).map(
    (suggestion) => `${suggestion.exporter} ${suggestion.target ?? ''}${suggestion.present ? ' *' : ''}`,
  );
}

function reasonOf(facts: HostFacts, exporter: Suggestion['exporter']): string {
  return suggest(facts).find((suggestion) => suggestion.exporter === exporter)?.reason ?? '';
}

describe('suggestExporters: the lab', () => {
  it('gives the NAS node_exporter (SSH), snmp_exporter, an exporter per database and the probes', () => {
    expect(summary(labNas)).toEqual([
      'node_exporter 10.203.0.20',
      'snmp_exporter 10.203.0.20',
      'postgres_exporter 10.203.0.20:5432',
      'mysqld_exporter 10.203.0.20:3306',
      'redis_exporter 10.203.0.20:6379',
      'blackbox_icmp 10.203.0.20',
      'blackbox_http http://10.203.0.20:5000/',
    ]);
    expect(reasonOf(labNas, 'node_exporter')).toBe(
      'Synology DS920+ NAS: SSH on :22 and its SSH banner names Debian, so node_exporter can be installed to report its CPU, memory, disks and network',
    );
    expect(reasonOf(labNas, 'snmp_exporter')).toBe(
      'answers SNMP v2c as DS920+: snmp_exporter with the if_mib and synology modules',
    );
    expect(reasonOf(labNas, 'postgres_exporter')).toMatch(/^PostgreSQL answers on :5432/);
  });

  it('gives the NAS no cAdvisor without evidence that Docker runs there', () => {
    expect(summary(labNas).some((line) => line.startsWith('cadvisor'))).toBe(false);
  });

  it('marks the node_exporter already on the NAS present instead of suggesting it again', () => {
    const suggestions = suggest(labNasWithNodeExporter);
    const node = suggestions.filter((suggestion) => suggestion.exporter === 'node_exporter');
    expect(node).toEqual([
      {
        exporter: 'node_exporter',
        reason: 'already running on :9100 (node_exporter 1.5.0)',
        present: true,
        target: '10.203.0.20:9100',
      },
    ]);
    expect(suggestions.filter((suggestion) => suggestion.present)).toHaveLength(1);
  });

  it('gives the switch snmp_exporter with the if_mib module, named by its model', () => {
    expect(suggest(labSwitch)).toEqual([
      {
        exporter: 'snmp_exporter',
        reason: 'answers SNMP v2c as TL-SG3210: snmp_exporter with the if_mib module',
        present: false,
        target: '10.203.0.2',
        modules: ['if_mib'],
      },
      {
        exporter: 'blackbox_icmp',
        reason: 'answers ping: an ICMP probe records whether it is up and its round-trip time',
        present: false,
        target: '10.203.0.2',
      },
    ]);
  });

  it('gives the access point snmp_exporter and points at the controller, but no unpoller', () => {
    expect(summary(labAccessPoint)).toEqual(['snmp_exporter 10.203.0.3', 'blackbox_icmp 10.203.0.3']);
    expect(reasonOf(labAccessPoint, 'snmp_exporter')).toBe(
      'answers SNMP v2c as UAP-AC-Pro: snmp_exporter with the if_mib and ubiquiti_unifi modules. ' +
        'UniFi devices are best monitored through their controller with unpoller; point Promstead at the controller',
    );
  });

  it('gives a UniFi AP that reports net-snmp on Linux the UniFi module and the controller note', () => {
    const facts: HostFacts = {
      ...labAccessPoint,
      snmp: labAccessPoint.snmp && {
        ...labAccessPoint.snmp,
        sysObjectID: '1.3.6.1.4.1.8072.3.2.10',
        sysDescr: 'Linux U7PG2 4.4.153 #1 SMP aarch64',
        vendor: { model: 'U7PG2' },
      },
    };
    expect(reasonOf(facts, 'snmp_exporter')).toBe(
      'answers SNMP v2c as U7PG2: snmp_exporter with the if_mib and ubiquiti_unifi modules. ' +
        'UniFi devices are best monitored through their controller with unpoller; point Promstead at the controller',
    );
  });

  it('gives the printer that answers only ping an ICMP probe and nothing else', () => {
    expect(summary(labPrinter)).toEqual(['blackbox_icmp 10.203.0.30']);
  });
});

describe('suggestExporters: homelab hosts', () => {
  it('a Linux server with SSH: node_exporter, naming SSH and the distribution', () => {
    expect(summary(linuxServer)).toEqual(['node_exporter 192.168.1.10', 'blackbox_icmp 192.168.1.10']);
    expect(reasonOf(linuxServer, 'node_exporter')).toMatch(/SSH on :22 and its SSH banner names Ubuntu/);
  });

  it('a Linux host without SSH or Docker gets no node_exporter: Promstead could not put it there', () => {
    const facts: HostFacts = {
      address: '192.168.1.40',
      liveness: 'icmp',
      services: [{ port: 9090, service: 'exporter', exporter: { name: 'prometheus', version: '2.42.0' } }],
      snmp: snmpInfo(
        '1.3.6.1.4.1.8072.3.2.10',
        'Linux box 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 x86_64',
        { sysName: 'box' },
      ),
    };
    expect(summary(facts)).toEqual(['blackbox_icmp 192.168.1.40', 'prometheus 192.168.1.40:9090 *']);
  });

  it('a Docker host: node_exporter and cAdvisor, and an HTTP probe for its web server', () => {
    expect(summary(dockerHost)).toEqual([
      'node_exporter 192.168.1.11',
      'cadvisor 192.168.1.11',
      'blackbox_icmp 192.168.1.11',
      'blackbox_http http://192.168.1.11:80/',
    ]);
    expect(reasonOf(dockerHost, 'cadvisor')).toMatch(/^Docker Engine API on :2375: cAdvisor/);
  });

  it('a Docker API without SSH: node_exporter as a container', () => {
    const facts: HostFacts = {
      address: '192.168.1.41',
      liveness: 'icmp',
      services: [{ port: 2376, service: 'docker-tls' }],
    };
    expect(summary(facts)).toEqual([
      'node_exporter 192.168.1.41',
      'cadvisor 192.168.1.41',
      'blackbox_icmp 192.168.1.41',
    ]);
    expect(reasonOf(facts, 'node_exporter')).toMatch(
      /the Docker API on :2376 .* so node_exporter can run as a container/,
    );
  });

  it('Proxmox: node_exporter (Debian underneath) and an HTTPS probe of :8006', () => {
    expect(summary(proxmox)).toEqual([
      'node_exporter 192.168.1.12',
      'blackbox_icmp 192.168.1.12',
      'blackbox_http https://192.168.1.12:8006/',
    ]);
    expect(reasonOf(proxmox, 'blackbox_http')).toMatch(/when its certificate expires/);
  });

  it('ESXi: no node_exporter, though SSH is open', () => {
    expect(summary(esxi)).toEqual(['blackbox_icmp 192.168.1.23', 'blackbox_http https://192.168.1.23:443/']);
  });

  it('Windows: windows_exporter', () => {
    expect(summary(windowsHost)).toEqual(['windows_exporter 192.168.1.13', 'blackbox_icmp 192.168.1.13']);
    expect(reasonOf(windowsHost, 'windows_exporter')).toMatch(
      /^Windows host \(SSH banner .*OpenSSH for Windows\): windows_exporter/,
    );
  });

  it('Windows with windows_exporter running: present, not suggested again', () => {
    const facts: HostFacts = {
      ...windowsHost,
      services: [
        ...windowsHost.services,
        { port: 9182, service: 'exporter', exporter: { name: 'windows_exporter' } },
      ],
    };
    expect(summary(facts)).toEqual(['windows_exporter 192.168.1.13:9182 *', 'blackbox_icmp 192.168.1.13']);
    expect(reasonOf(facts, 'windows_exporter')).toBe('already running on :9182 (windows_exporter)');
  });

  it('only Postgres: postgres_exporter at address:port, and an ICMP probe worded for a host found by TCP', () => {
    expect(suggest(postgresOnly)).toEqual([
      {
        exporter: 'postgres_exporter',
        reason:
          'PostgreSQL answers on :5432: postgres_exporter reads its health and load with a monitoring login',
        present: false,
        target: '192.168.1.14:5432',
      },
      {
        exporter: 'blackbox_icmp',
        reason:
          'found by TCP, not ping: an ICMP probe shows whether it answers ping from the Prometheus host',
        present: false,
        target: '192.168.1.14',
      },
    ]);
  });

  it('a database exporter for each database port, MongoDB included', () => {
    const facts: HostFacts = {
      address: '192.168.1.42',
      liveness: 'icmp',
      services: [
        { port: 27017, service: 'mongodb' },
        { port: 6379, service: 'redis' },
        { port: 6380, service: 'redis' },
      ],
    };
    expect(summary(facts)).toEqual([
      'mongodb_exporter 192.168.1.42:27017',
      'redis_exporter 192.168.1.42:6379',
      'redis_exporter 192.168.1.42:6380',
      'blackbox_icmp 192.168.1.42',
    ]);
  });

  it('a UniFi controller: unpoller at the controller URL', () => {
    expect(summary(unifiController)).toEqual([
      'node_exporter 192.168.1.15',
      'unpoller https://192.168.1.15:8443',
      'blackbox_icmp 192.168.1.15',
      'blackbox_http http://192.168.1.15:8080/',
      'blackbox_http https://192.168.1.15:8443/',
    ]);
    expect(reasonOf(unifiController, 'unpoller')).toMatch(
      /^runs a UniFi controller on :8443 \(title "UniFi Network"\)/,
    );
  });

  it('an HP printer: snmp_exporter with the printer MIB', () => {
    expect(reasonOf(hpPrinter, 'snmp_exporter')).toBe(
      'answers SNMP v1 as LaserJet MFP M234sdw: snmp_exporter with the if_mib and printer_mib modules',
    );
  });

  it('an APC card: snmp_exporter with the apcups module', () => {
    expect(reasonOf(apcUps, 'snmp_exporter')).toBe(
      'answers SNMP v1 as APC device: snmp_exporter with the if_mib and apcups modules',
    );
  });

  it('an EdgeRouter: snmp_exporter without the UniFi module or the controller note', () => {
    expect(reasonOf(edgeRouter, 'snmp_exporter')).toBe(
      'answers SNMP v2c as Ubiquiti router: snmp_exporter with the if_mib module',
    );
    expect(summary(edgeRouter)).not.toContain('node_exporter 192.168.1.1');
  });

  it('brackets IPv6 addresses in targets and URLs', () => {
    const facts: HostFacts = {
      address: 'fd00::20',
      liveness: 'icmp',
      services: [
        { port: 5432, service: 'postgres' },
        { port: 443, service: 'https', httpTitle: 'Home' },
      ],
    };
    expect(summary(facts)).toEqual([
      'postgres_exporter [fd00::20]:5432',
      'blackbox_icmp fd00::20',
      'blackbox_http https://[fd00::20]:443/',
    ]);
  });
});

describe('suggestExporters: present exporters and order', () => {
  const busy: HostFacts = {
    address: '10.0.0.2',
    liveness: 'icmp',
    services: [
      { port: 9187, service: 'exporter', exporter: { name: 'postgres_exporter', version: '0.11.1' } },
      { port: 9115, service: 'exporter', exporter: { name: 'blackbox_exporter', version: '0.23.0' } },
      { port: 9091, service: 'pushgateway' },
      { port: 5432, service: 'postgres' },
      { port: 8080, service: 'exporter', exporter: { name: 'cadvisor', version: 'v0.47.2' } },
      { port: 22, service: 'ssh', banner: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3' },
      { port: 9999, service: 'exporter', exporter: { name: 'some_custom_exporter' } },
    ],
  };

  it('lists every exporter found running as present, and suggests none of them again', () => {
    expect(summary(busy)).toEqual([
      'node_exporter 10.0.0.2',
      'cadvisor 10.0.0.2:8080 *',
      'postgres_exporter 10.0.0.2:9187 *',
      'blackbox_icmp 10.0.0.2',
      'pushgateway 10.0.0.2:9091 *',
      'blackbox_exporter 10.0.0.2:9115 *',
    ]);
    expect(reasonOf(busy, 'postgres_exporter')).toBe('already running on :9187 (postgres_exporter 0.11.1)');
    expect(reasonOf(busy, 'pushgateway')).toBe('already running on :9091 (pushgateway)');
  });

  it('gives the same order whatever order the services came in', () => {
    const reversed: HostFacts = { ...busy, services: [...busy.services].reverse() };
    expect(suggest(reversed)).toEqual(suggest(busy));
  });
});
