// A lab-like inventory as a scan records it: the NAS with node_exporter running and
// databases suggested, a switch and an access point answering SNMP, one stale host.
import type { DiscoveredHost, Inventory, Suggestion } from '@shared/contract';

function host(
  address: string,
  kind: DiscoveredHost['classification']['kind'],
  suggestions: Suggestion[],
  extra: Partial<DiscoveredHost> = {},
): DiscoveredHost {
  return {
    address,
    liveness: 'icmp',
    services: [],
    classification: { kind, confidence: 0.9, evidence: [] },
    suggestions,
    firstSeen: 1,
    lastSeen: 2,
    seenInLastScan: true,
    ...extra,
  };
}

export const community = 'secret-community-42';

/** The lab's LAN as a scan records it (addresses and suggestions as discovery gives them). */
export const inventory: Inventory = {
  targets: ['10.203.0.0/24'],
  hosts: [
    host('10.203.0.20', 'nas', [
      { exporter: 'node_exporter', reason: 'running', present: true, target: '10.203.0.20:9100' },
      {
        exporter: 'postgres_exporter',
        reason: 'PostgreSQL on :5432',
        present: false,
        target: '10.203.0.20:5432',
      },
      { exporter: 'redis_exporter', reason: 'Redis on :6379', present: false, target: '10.203.0.20:6379' },
      { exporter: 'blackbox_icmp', reason: 'answers ping', present: false, target: '10.203.0.20' },
    ]),
    host(
      '10.203.0.2',
      'switch',
      [
        {
          exporter: 'snmp_exporter',
          reason: 'SNMP',
          present: false,
          target: '10.203.0.2',
          modules: ['if_mib'],
        },
        { exporter: 'blackbox_icmp', reason: 'answers ping', present: false, target: '10.203.0.2' },
      ],
      {
        snmp: {
          version: 'v2c',
          credential: community,
          sysDescr: 'switch',
          sysObjectID: '1.3.6.1.4.1.11863.1',
          sysName: 'sw',
          sysLocation: '',
          sysContact: '',
          sysUpTimeSeconds: 5,
        },
      },
    ),
    host(
      '10.203.0.3',
      'access-point',
      [
        {
          exporter: 'snmp_exporter',
          reason: 'SNMP',
          present: false,
          target: '10.203.0.3',
          modules: ['if_mib', 'ubiquiti_unifi', 'mikrotik'],
        },
      ],
      {
        snmp: {
          version: 'v2c',
          credential: community,
          sysDescr: 'ap',
          sysObjectID: '1.3.6.1.4.1.41112',
          sysName: 'ap',
          sysLocation: '',
          sysContact: '',
          sysUpTimeSeconds: 5,
        },
      },
    ),
    host(
      '10.203.0.99',
      'linux-server',
      [{ exporter: 'node_exporter', reason: 'running', present: true, target: '10.203.0.99:9100' }],
      { seenInLastScan: false },
    ),
  ],
};
