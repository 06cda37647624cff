import { describe, expect, it } from 'vitest';
import type { Classification } from '@shared/contract';
import { labSnmp } from '../../../../test/lab/lab-facts';
import { classify } from './classify';
import type { HostFacts } from './host-facts';
import {
  apcUps,
  debianSsh,
  dockerHost,
  edgeRouter,
  esxi,
  hpPrinter,
  hpSwitch,
  labAccessPoint,
  labNas,
  labPrinter,
  labSwitch,
  linuxServer,
  postgresOnly,
  proxmox,
  snmpInfo,
  unifiController,
  windowsHost,
} from './test-hosts.fixture';

function evidenceOf(classification: Classification): string {
  return classification.evidence.join('\n');
}

describe('classify: the lab', () => {
  it('knows the NAS for a Synology DS920+ although its agent reports net-snmp on Linux', () => {
    const result = classify(labNas);
    expect(result).toMatchObject({ kind: 'nas', vendor: 'Synology', model: 'DS920+' });
    expect(result.evidence[0]).toBe('SNMP Synology model OID answered: DS920+ (DSM 7.2.1-69057)');
    expect(evidenceOf(result)).toContain(
      `sysObjectID ${labSnmp.agents.nas.sysObjectID} → net-snmp agent on Linux`,
    );
    expect(result.confidence).toBeGreaterThanOrEqual(0.85);
  });

  it('keeps the NAS a NAS when its databases answer, and says they were outweighed', () => {
    const result = classify(labNas);
    expect(result.kind).toBe('nas');
    expect(result.evidence.at(-1)).toBe(
      '(also) database answers: PostgreSQL :5432, MySQL/MariaDB :3306, Redis :6379 — suggests database host',
    );
  });

  it('knows the switch for a TP-Link TL-SG3210 from its enterprise and sysDescr', () => {
    const result = classify(labSwitch);
    expect(result).toMatchObject({ kind: 'switch', vendor: 'TP-Link', model: 'TL-SG3210' });
    expect(result.evidence).toEqual([
      'sysObjectID 1.3.6.1.4.1.11863.1.1.3 → TP-Link (enterprise 11863, JetStream and Omada switch maker)',
      'sysDescr says switch: "TP-Link JetStream 8-Port Gigabit L2 Managed Switch TL-SG3210"',
      '12 interfaces (8 up) over SNMP and no SSH, like a switch',
    ]);
    expect(result.confidence).toBe(0.9);
  });

  it('knows the access point for a UniFi UAP-AC-Pro', () => {
    const result = classify(labAccessPoint);
    expect(result).toMatchObject({ kind: 'access-point', vendor: 'Ubiquiti', model: 'UAP-AC-Pro' });
    expect(result.evidence).toEqual([
      'SNMP UniFi access point model OID answered: UAP-AC-Pro',
      'sysDescr "UAP-AC-Pro 6.5.62.14792" → UniFi access point',
      'sysObjectID 1.3.6.1.4.1.41112.1.6 → Ubiquiti (enterprise 41112, UniFi and airMAX maker)',
    ]);
  });

  it('knows a UniFi AP whose firmware reports net-snmp on Linux by its UniFi model OID', () => {
    const result = classify({
      ...labAccessPoint,
      snmp: labAccessPoint.snmp && {
        ...labAccessPoint.snmp,
        sysObjectID: '1.3.6.1.4.1.8072.3.2.10',
        sysDescr: 'Linux U7PG2 4.4.153 #1 SMP Mon Dec 5 10:56:09 CST 2022 aarch64',
        vendor: { model: 'U7PG2', version: '6.5.62.14792' },
      },
    });
    expect(result).toMatchObject({ kind: 'access-point', vendor: 'Ubiquiti', model: 'U7PG2' });
    expect(result.evidence[0]).toBe('SNMP UniFi access point model OID answered: U7PG2');
  });

  it('reads the AP model from sysDescr when the UniFi MIB gave none', () => {
    const result = classify({
      ...labAccessPoint,
      snmp: labAccessPoint.snmp && { ...labAccessPoint.snmp, vendor: undefined },
    });
    expect(result.model).toBe('UAP-AC-Pro');
  });

  it('leaves the printer that answers only ping unknown, with confidence 0, and says so', () => {
    expect(classify(labPrinter)).toEqual({
      kind: 'unknown',
      confidence: 0,
      evidence: ['no identifying facts: the host answered ping only'],
    });
  });
});

describe('classify: homelab hosts', () => {
  it('a Linux server from its SSH banner', () => {
    const result = classify(linuxServer);
    expect(result).toEqual({
      kind: 'linux-server',
      confidence: 0.5,
      evidence: ['SSH banner on :22 "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.5" → Ubuntu'],
    });
  });

  it('a Docker host from its Engine API, with Linux evidence counting for it', () => {
    const result = classify(dockerHost);
    expect(result.kind).toBe('docker-host');
    expect(result.evidence).toEqual([
      'Docker Engine API on :2375',
      'SSH banner on :22 "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3" → Debian',
    ]);
    expect(result.confidence).toBe(0.9);
  });

  it('a Proxmox hypervisor from the title on :8006', () => {
    const result = classify(proxmox);
    expect(result).toMatchObject({ kind: 'hypervisor', vendor: 'Proxmox' });
    expect(result.evidence[0]).toBe('web UI :8006 title "pve1 - Proxmox Virtual Environment" → Proxmox VE');
  });

  it('not a hypervisor for Proxmox Backup Server', () => {
    const result = classify({
      address: '192.168.1.30',
      liveness: 'icmp',
      services: [debianSsh, { port: 8007, service: 'https', httpTitle: 'pbs - Proxmox Backup Server' }],
    });
    expect(result).toMatchObject({ kind: 'linux-server', vendor: 'Proxmox' });
  });

  it('an ESXi hypervisor with its version as model', () => {
    expect(classify(esxi)).toMatchObject({ kind: 'hypervisor', vendor: 'VMware', model: 'ESXi 7.0.3' });
  });

  it('a Windows host from RDP and OpenSSH for Windows', () => {
    const result = classify(windowsHost);
    expect(result.kind).toBe('windows');
    expect(result.evidence).toEqual([
      'SSH banner "SSH-2.0-OpenSSH_for_Windows_8.1" → OpenSSH for Windows',
      'Remote Desktop (RDP) open on :3389',
    ]);
  });

  it('a Windows host from RDP alone, and from its SNMP sysDescr', () => {
    expect(
      classify({ address: 'a', liveness: 'tcp', services: [{ port: 3389, service: 'unknown' }] }).kind,
    ).toBe('windows');
    const snmpOnly = classify({
      address: 'b',
      liveness: 'snmp',
      services: [],
      snmp: snmpInfo(
        '1.3.6.1.4.1.311.1.1.3.1.1',
        'Hardware: Intel64 Family 6 Model 158 Stepping 10 AT/AT COMPATIBLE - Software: Windows Version 6.3 (Build 19045 Multiprocessor Free)',
        { sysName: 'DESKTOP-1' },
      ),
    });
    expect(snmpOnly.kind).toBe('windows');
    // Windows' SNMP service names the OS, not the PC's maker.
    expect(snmpOnly.vendor).toBeUndefined();
  });

  it('a database host when only Postgres answers', () => {
    const result = classify(postgresOnly);
    expect(result).toEqual({
      kind: 'database',
      confidence: 0.7,
      evidence: ['only database ports answer: PostgreSQL :5432', 'database answers: PostgreSQL :5432'],
    });
  });

  it('a Linux server running a UniFi controller, with the controller in the evidence', () => {
    const result = classify(unifiController);
    expect(result.kind).toBe('linux-server');
    expect(result.evidence).toContain('runs a UniFi controller: web UI :8443 title "UniFi Network"');
  });

  it("an EdgeRouter under Ubiquiti's number is a router, not an access point", () => {
    const result = classify(edgeRouter);
    expect(result).toMatchObject({ kind: 'router', vendor: 'Ubiquiti' });
    expect(evidenceOf(result)).toContain('→ EdgeRouter');
    expect(evidenceOf(result)).toContain('(also) SSH banner on :22');
    expect(evidenceOf(result)).not.toContain('UniFi and airMAX maker');
  });

  it('an APC card: vendor APC, kind unknown, the enterprise in the evidence', () => {
    expect(classify(apcUps)).toEqual({
      kind: 'unknown',
      vendor: 'APC',
      confidence: 0,
      evidence: ['sysObjectID 1.3.6.1.4.1.318.1.3.27 → APC (enterprise 318, UPS and PDU maker)'],
    });
  });
});

describe('classify: HP makes printers and switches', () => {
  it('a LaserJet under the JetDirect sub-tree is a printer', () => {
    const result = classify(hpPrinter);
    expect(result).toMatchObject({ kind: 'printer', vendor: 'HP', model: 'LaserJet MFP M234sdw' });
    expect(result.evidence[0]).toBe(
      'sysObjectID 1.3.6.1.4.1.11.2.3.9.1 → HP (enterprise 11): JetDirect printer',
    );
    expect(result.evidence).toContain('IPP (printing) open on :631');
  });

  it('a ProCurve under hpSwitch (11.2.3.7.11) is a switch', () => {
    const result = classify(hpSwitch);
    expect(result).toMatchObject({ kind: 'switch', vendor: 'HP', model: 'J9773A 2530-24G-PoEP' });
    expect(result.evidence[0]).toBe(
      'sysObjectID 1.3.6.1.4.1.11.2.3.7.11.160 → HP (enterprise 11): ProCurve/Aruba switch',
    );
    expect(evidenceOf(result)).not.toMatch(/printer/i);
  });

  it('does not take a neighbouring sub-tree (11.2.3.7.1) for hpSwitch', () => {
    const result = classify({
      ...hpSwitch,
      snmp: hpSwitch.snmp && {
        ...hpSwitch.snmp,
        sysObjectID: '1.3.6.1.4.1.11.2.3.7.1',
        sysDescr: 'HP device',
      },
      macVendor: undefined,
      services: [],
    });
    expect(result.evidence[0]).toBe(
      'sysObjectID 1.3.6.1.4.1.11.2.3.7.1 → HP (enterprise 11, printer and switch maker)',
    );
  });
});

describe('classify: weak and contradicting evidence', () => {
  const bare = (change: Partial<HostFacts>): HostFacts => ({
    address: '10.0.0.9',
    liveness: 'icmp',
    services: [],
    ...change,
  });

  it('takes a MAC vendor as a weak hint', () => {
    const result = classify(bare({ mac: '00:11:32:aa:bb:cc', macVendor: 'Synology Incorporated' }));
    expect(result).toEqual({
      kind: 'nas',
      vendor: 'Synology',
      confidence: 0.3,
      evidence: ['MAC vendor "Synology Incorporated" → Synology'],
    });
  });

  it('ignores the vendor of an all-zero MAC (00:00:00 is registered to Xerox)', () => {
    expect(classify(bare({ mac: '00:00:00:00:00:00', macVendor: 'XEROX CORPORATION' })).kind).toBe('unknown');
  });

  it('does not take "Brother, Brother & Sons" for the printer maker', () => {
    expect(classify(bare({ mac: '00:aa:bb:cc:dd:ee', macVendor: 'Brother, Brother & Sons ApS' })).kind).toBe(
      'unknown',
    );
  });

  it('does not take port 9100 for a printer, nor a CUPS server on 631', () => {
    expect(classify(bare({ services: [{ port: 9100, service: 'unknown' }] })).kind).toBe('unknown');
    const cups = classify(
      bare({ services: [{ port: 631, service: 'http', httpServer: 'CUPS/2.4 IPP/2.1' }] }),
    );
    expect(cups.kind).toBe('linux-server');
  });

  it('does not take "Canonical" for Canon', () => {
    const result = classify(
      bare({
        snmp: snmpInfo('1.3.6.1.4.1.8072.3.2.10', 'Linux host 6.8.0-45-generic #45-Ubuntu SMP (Canonical)', {
          sysName: 'host',
        }),
      }),
    );
    expect(result.kind).toBe('linux-server');
  });

  it('lowers confidence when evidence points elsewhere', () => {
    const alone = classify(bare({ services: [{ port: 3389, service: 'unknown' }] }));
    const contested = classify(
      bare({
        services: [
          { port: 3389, service: 'unknown' },
          { port: 631, service: 'unknown' },
        ],
      }),
    );
    expect(alone.confidence).toBe(0.6);
    expect(contested.kind).toBe('windows');
    expect(contested.confidence).toBeLessThan(alone.confidence);
    expect(contested.evidence).toEqual([
      'Remote Desktop (RDP) open on :3389',
      '(also) IPP (printing) open on :631 — suggests printer',
    ]);
  });

  it('breaks a tie by the fixed kind priority (printer before windows)', () => {
    // IPP and LPD (0.4 + 0.4) against windows_exporter answering (0.8).
    const tied = classify(
      bare({
        services: [
          { port: 631, service: 'unknown' },
          { port: 515, service: 'unknown' },
          { port: 9182, service: 'exporter', exporter: { name: 'windows_exporter', version: '0.25.1' } },
        ],
      }),
    );
    expect(tied.kind).toBe('printer');
    expect(tied.evidence.at(-1)).toBe('(also) windows_exporter already answers — suggests Windows host');
  });

  it('shows an agent outside the table as it is, so a user can report it', () => {
    const result = classify(
      bare({
        snmp: snmpInfo('1.3.6.1.4.1.99999.1', 'Acme Widget 3000', { sysName: 'widget' }),
      }),
    );
    expect(result).toEqual({
      kind: 'unknown',
      confidence: 0,
      evidence: [
        'SNMP v2c answered with sysObjectID "1.3.6.1.4.1.99999.1" is not in Promstead\'s table; sysDescr "Acme Widget 3000"',
      ],
    });
  });

  it('says what the host did answer when nothing identifies it', () => {
    const result = classify({
      address: '10.0.0.5',
      liveness: 'tcp',
      services: [{ port: 8081, service: 'http', httpTitle: 'Welcome' }],
    });
    expect(result.evidence).toEqual(['no identifying facts: the host answered TCP port 8081 only']);
  });

  it('gives the same answer for the same facts', () => {
    expect(classify(labNas)).toEqual(classify(structuredClone(labNas)));
  });
});
