// MAC vendors (the OUI registrant) that hint at what a host is. Only a hint: a NIC's maker
// is not always the device's, so weights stay low. Hypervisor OUIs (Proxmox, VMware,
// Microsoft) are left out on purpose: they mark a virtual machine, not the hypervisor.
import type { ClassificationRule } from './classification-rule';
import { isPlaceholderMac } from './host-signals';
import type { KnownKind } from './kinds';
import { quote } from './text';

export interface MacVendorHint {
  id: string;
  /** Anchored at the start: "Brother, Brother & Sons ApS" is not Brother Industries. */
  pattern: RegExp;
  vendor: string;
  kind?: KnownKind;
  weight: number;
}

export const macVendorHints = [
  { id: 'synology', pattern: /^Synology/i, vendor: 'Synology', kind: 'nas', weight: 0.3 },
  { id: 'qnap', pattern: /^QNAP/i, vendor: 'QNAP', kind: 'nas', weight: 0.3 },
  { id: 'asustor', pattern: /^Asustor/i, vendor: 'Asustor', kind: 'nas', weight: 0.3 },
  {
    id: 'raspberry-pi',
    pattern: /^Raspberry Pi/i,
    vendor: 'Raspberry Pi',
    kind: 'linux-server',
    weight: 0.25,
  },
  { id: 'brother', pattern: /^Brother Industries/i, vendor: 'Brother', kind: 'printer', weight: 0.3 },
  { id: 'epson', pattern: /^Seiko Epson/i, vendor: 'Epson', kind: 'printer', weight: 0.3 },
  { id: 'canon', pattern: /^Canon Inc/i, vendor: 'Canon', kind: 'printer', weight: 0.3 },
  { id: 'lexmark', pattern: /^Lexmark/i, vendor: 'Lexmark', kind: 'printer', weight: 0.3 },
  { id: 'xerox', pattern: /^Xerox/i, vendor: 'Xerox', kind: 'printer', weight: 0.3 },
  { id: 'ricoh', pattern: /^Ricoh Company/i, vendor: 'Ricoh', kind: 'printer', weight: 0.3 },
  { id: 'kyocera', pattern: /^Kyocera Corporation/i, vendor: 'Kyocera', kind: 'printer', weight: 0.3 },
  {
    id: 'konica-minolta',
    pattern: /^Konica Minolta/i,
    vendor: 'Konica Minolta',
    kind: 'printer',
    weight: 0.3,
  },
  {
    id: 'mikrotik',
    pattern: /^(?:Routerboard\.com|MikroTik)/i,
    vendor: 'MikroTik',
    kind: 'router',
    weight: 0.3,
  },
  { id: 'ubiquiti', pattern: /^Ubiquiti/i, vendor: 'Ubiquiti', weight: 0.2 },
  { id: 'tp-link', pattern: /^TP-Link/i, vendor: 'TP-Link', weight: 0.2 },
  { id: 'netgear', pattern: /^Netgear/i, vendor: 'Netgear', weight: 0.2 },
  { id: 'zyxel', pattern: /^Zyxel/i, vendor: 'Zyxel', weight: 0.2 },
  { id: 'd-link', pattern: /^D-Link/i, vendor: 'D-Link', weight: 0.2 },
  { id: 'cisco', pattern: /^Cisco Systems/i, vendor: 'Cisco', weight: 0.2 },
  { id: 'hp', pattern: /^(?:Hewlett Packard(?! Enterprise)|HP Inc)/i, vendor: 'HP', weight: 0.2 },
  { id: 'hpe', pattern: /^Hewlett Packard Enterprise/i, vendor: 'HPE', weight: 0.2 },
  { id: 'dell', pattern: /^Dell\b/i, vendor: 'Dell', weight: 0.2 },
  { id: 'supermicro', pattern: /^Super ?Micro/i, vendor: 'Supermicro', weight: 0.2 },
  { id: 'apc', pattern: /^APC by Schneider/i, vendor: 'APC', weight: 0.3 },
  { id: 'cyberpower', pattern: /^CyberPower/i, vendor: 'CyberPower', weight: 0.3 },
  { id: 'eaton', pattern: /^Eaton Corporation/i, vendor: 'Eaton', weight: 0.3 },
  { id: 'espressif', pattern: /^Espressif/i, vendor: 'Espressif', weight: 0.2 },
] as const satisfies readonly MacVendorHint[];

export const macVendorRules = macVendorHints.map((hint: MacVendorHint): ClassificationRule => ({
  id: `mac-${hint.id}`,
  when: (facts) => !isPlaceholderMac(facts.mac) && hint.pattern.test(facts.macVendor ?? ''),
  gives: { kind: hint.kind, vendor: hint.vendor },
  weight: hint.weight,
  evidence: (facts) => `MAC vendor ${quote(facts.macVendor ?? '')} → ${hint.vendor}`,
})) satisfies readonly ClassificationRule[];
