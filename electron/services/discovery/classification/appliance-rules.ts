// Rules for appliances that name themselves: NAS systems and hypervisors, by vendor MIB,
// sysDescr or the title of their web UI.
import type { Service } from '@shared/contract';
import type { ClassificationRule } from './classification-rule';
import type { HostFacts } from './host-facts';
import { synologyModel, webServices } from './host-signals';
import { esxiVersion } from './models';
import { sysDescrShown, titleOn } from './rule-evidence';
import { displayText } from './text';

function findWeb(facts: HostFacts, test: (service: Service) => boolean): Service | undefined {
  return webServices(facts).find(test);
}

/** Proxmox VE's UI, not its Backup Server or Mail Gateway, which are not hypervisors. */
const proxmoxVe = (service: Service): boolean => {
  const title = service.httpTitle ?? '';
  if (/Backup Server|Mail Gateway/.test(title)) return false;
  return /Proxmox Virtual Environment/.test(title) || (service.port === 8006 && /Proxmox/.test(title));
};

export const nasRules = [
  {
    id: 'synology-model-oid',
    when: (facts) => synologyModel(facts) !== undefined,
    gives: { kind: 'nas', vendor: 'Synology', model: synologyModel },
    weight: 0.9,
    evidence: (facts) => {
      const version = facts.snmp?.vendor?.version;
      const model = displayText(synologyModel(facts) ?? '', 40);
      return `SNMP Synology model OID answered: ${model}${version ? ` (${displayText(version, 40)})` : ''}`;
    },
  },
  {
    id: 'sysdescr-synology-platform',
    when: { sysDescr: /\bsynology_/i },
    gives: { kind: 'nas', vendor: 'Synology' },
    weight: 0.8,
    evidence: (facts) => `sysDescr names a Synology platform: ${sysDescrShown(facts)}`,
  },
  {
    id: 'sysdescr-diskstation',
    when: { sysDescr: /^Linux (?:DiskStation|RackStation)\b/ },
    gives: { kind: 'nas', vendor: 'Synology' },
    weight: 0.5,
    evidence: (facts) => `sysDescr ${sysDescrShown(facts)} → a Synology (DSM's default host name)`,
  },
  {
    id: 'http-synology',
    when: { service: { names: ['http', 'https'], httpTitle: /Synology|DiskStation|RackStation/ } },
    gives: { kind: 'nas', vendor: 'Synology' },
    weight: 0.7,
    evidence: (_facts, match) => `web UI ${titleOn(match)} → Synology DSM`,
  },
  {
    id: 'http-dsm-port',
    when: { service: { ports: [5000, 5001], httpTitle: /\bDSM\b/ } },
    gives: { kind: 'nas', vendor: 'Synology' },
    weight: 0.6,
    evidence: (_facts, match) => `DSM's ports with ${titleOn(match)} → Synology DSM`,
  },
  {
    id: 'sysdescr-qnap',
    when: { sysDescr: /QNAP|-qnap\b/ },
    gives: { kind: 'nas', vendor: 'QNAP' },
    weight: 0.7,
    evidence: (facts) => `sysDescr ${sysDescrShown(facts)} → QNAP`,
  },
  {
    id: 'http-qnap',
    when: { service: { names: ['http', 'https'], httpTitle: /QNAP|\bQTS\b|\bQuTS\b/ } },
    gives: { kind: 'nas', vendor: 'QNAP' },
    weight: 0.6,
    evidence: (_facts, match) => `web UI ${titleOn(match)} → QNAP QTS`,
  },
  {
    id: 'sysdescr-truenas',
    when: { sysDescr: /TrueNAS|FreeNAS/i },
    gives: { kind: 'nas', vendor: 'iXsystems' },
    weight: 0.7,
    evidence: (facts) => `sysDescr ${sysDescrShown(facts)} → TrueNAS`,
  },
  {
    id: 'http-truenas',
    when: { service: { names: ['http', 'https'], httpTitle: /TrueNAS|FreeNAS/i } },
    gives: { kind: 'nas', vendor: 'iXsystems' },
    weight: 0.6,
    evidence: (_facts, match) => `web UI ${titleOn(match)} → TrueNAS`,
  },
  {
    id: 'sysdescr-readynas',
    when: { sysDescr: /ReadyNAS/i },
    gives: { kind: 'nas', vendor: 'Netgear' },
    weight: 0.7,
    evidence: (facts) => `sysDescr ${sysDescrShown(facts)} → Netgear ReadyNAS`,
  },
  {
    id: 'http-unraid',
    when: { service: { names: ['http', 'https'], httpTitle: /\bUnraid\b/i } },
    gives: { kind: 'nas' },
    weight: 0.6,
    evidence: (_facts, match) => `web UI ${titleOn(match)} → Unraid`,
  },
  {
    id: 'http-openmediavault',
    when: { service: { names: ['http', 'https'], httpTitle: /openmediavault/i } },
    gives: { kind: 'nas' },
    weight: 0.6,
    evidence: (_facts, match) => `web UI ${titleOn(match)} → openmediavault`,
  },
] as const satisfies readonly ClassificationRule[];

export const hypervisorRules = [
  {
    id: 'http-proxmox-ve',
    when: (facts) => findWeb(facts, proxmoxVe) !== undefined,
    gives: { kind: 'hypervisor', vendor: 'Proxmox' },
    weight: 0.85,
    evidence: (facts) => `web UI ${titleOn({ service: findWeb(facts, proxmoxVe) })} → Proxmox VE`,
  },
  {
    id: 'http-proxmox-backup',
    when: { service: { names: ['http', 'https'], httpTitle: /Proxmox Backup Server/ } },
    gives: { kind: 'linux-server', vendor: 'Proxmox' },
    weight: 0.5,
    evidence: (_facts, match) => `web UI ${titleOn(match)} → Proxmox Backup Server (a Debian host)`,
  },
  {
    id: 'sysdescr-esxi',
    when: { sysDescr: /VMware ESXi/ },
    gives: { kind: 'hypervisor', vendor: 'VMware', model: esxiVersion },
    weight: 0.85,
    evidence: (facts) => `sysDescr ${sysDescrShown(facts)} → VMware ESXi`,
  },
  {
    id: 'http-esxi',
    when: { service: { names: ['http', 'https'], httpTitle: /VMware ESXi|VMware Host Client/ } },
    gives: { kind: 'hypervisor', vendor: 'VMware' },
    weight: 0.7,
    evidence: (_facts, match) => `web UI ${titleOn(match)} → VMware ESXi`,
  },
] as const satisfies readonly ClassificationRule[];
