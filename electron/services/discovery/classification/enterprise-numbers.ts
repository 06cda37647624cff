// IANA private enterprise numbers (the arc after 1.3.6.1.4.1 in sysObjectID): who made the
// SNMP agent, and what kind of device that usually means.
import type { SnmpInfo } from '@shared/contract';
import type { HostFacts } from './host-facts';
import { enterpriseOf, oidUnder } from './host-signals';
import type { KnownKind } from './kinds';
import { esxiVersion, hpPrinterModel, hpSwitchModel, sysDescrFirstWord, tpLinkModel } from './models';

/**
 * A part of a vendor's range that means something else: a sub-tree of the enterprise
 * (HP's ProCurve switches under 11.2.3.7.11) or a sysDescr (an EdgeRouter under Ubiquiti's
 * number). Every condition given must hold.
 */
export interface EnterpriseVariant {
  /** The rule for it is `enterprise-<number>-<id>`. */
  id: string;
  oidPrefix?: string;
  sysDescr?: RegExp;
  /** What the evidence calls it: "ProCurve switch". */
  name: string;
  /** Absent: it names the product but not a kind Promstead knows (a BMC, a UPS). */
  kind?: KnownKind;
  weight: number;
  /** The snmp_exporter module beyond if_mib that reads its vendor MIB. */
  snmpModule?: string;
  model?: (facts: HostFacts) => string | undefined;
}

export interface EnterpriseNumber {
  number: number;
  vendor: string;
  /** What the vendor's SNMP agents usually are, for evidence: "NAS maker". */
  makes: string;
  kind?: KnownKind;
  weight: number;
  /** A software agent that runs anywhere: it names the OS, not the maker of the box. */
  generic?: true;
  snmpModule?: string;
  model?: (facts: HostFacts) => string | undefined;
  /** Checked in order; the first that holds replaces the vendor's default. */
  variants?: readonly EnterpriseVariant[];
}

const printerWeight = 0.8;
const upsMakes = 'UPS and PDU maker';

export const enterpriseNumbers = [
  // Generic agents. DSM, Proxmox and most Linux appliances report net-snmp's Linux ID.
  {
    number: 8072,
    vendor: 'net-snmp',
    makes: 'net-snmp agent',
    weight: 0.1,
    generic: true,
    variants: [
      {
        id: 'linux',
        oidPrefix: '1.3.6.1.4.1.8072.3.2.10',
        name: 'net-snmp agent on Linux',
        kind: 'linux-server',
        weight: 0.4,
      },
      {
        id: 'windows',
        oidPrefix: '1.3.6.1.4.1.8072.3.2.13',
        name: 'net-snmp agent on Windows',
        kind: 'windows',
        weight: 0.4,
      },
      { id: 'freebsd', oidPrefix: '1.3.6.1.4.1.8072.3.2.8', name: 'net-snmp agent on FreeBSD', weight: 0.1 },
    ],
  },
  {
    number: 2021,
    vendor: 'UCD-SNMP',
    makes: 'UCD-SNMP agent, the older net-snmp',
    weight: 0.1,
    generic: true,
    variants: [
      {
        id: 'linux',
        oidPrefix: '1.3.6.1.4.1.2021.250.10',
        name: 'UCD-SNMP agent on Linux',
        kind: 'linux-server',
        weight: 0.4,
      },
    ],
  },
  {
    // bsnmpd, FreeBSD's own agent: pfSense runs it. OPNsense has no number of its own
    // (it reports net-snmp's FreeBSD ID); its sysDescr and web UI name it.
    number: 12325,
    vendor: 'FreeBSD',
    makes: 'bsnmpd agent of FreeBSD and pfSense',
    weight: 0.1,
    generic: true,
    variants: [
      { id: 'pfsense', sysDescr: /pfSense/i, name: 'pfSense firewall', kind: 'router', weight: 0.7 },
    ],
  },
  // NAS makers.
  { number: 6574, vendor: 'Synology', makes: 'NAS maker', kind: 'nas', weight: 0.9, snmpModule: 'synology' },
  { number: 24681, vendor: 'QNAP', makes: 'NAS maker', kind: 'nas', weight: 0.9 },
  { number: 50536, vendor: 'iXsystems', makes: 'TrueNAS maker', kind: 'nas', weight: 0.9 },
  { number: 789, vendor: 'NetApp', makes: 'storage maker', kind: 'nas', weight: 0.8 },
  // Network gear.
  {
    number: 41112,
    vendor: 'Ubiquiti',
    makes: 'UniFi and airMAX maker',
    kind: 'access-point',
    weight: 0.6,
    snmpModule: 'ubiquiti_unifi',
    model: sysDescrFirstWord,
    variants: [
      {
        id: 'edgerouter',
        sysDescr: /EdgeOS|EdgeRouter|\bER-\d/,
        name: 'EdgeRouter',
        kind: 'router',
        weight: 0.8,
      },
      {
        id: 'gateway',
        sysDescr: /^(?:USG|UDM|UXG|UCG)/,
        name: 'UniFi gateway',
        kind: 'router',
        weight: 0.8,
        model: sysDescrFirstWord,
      },
      {
        id: 'switch',
        sysDescr: /EdgeSwitch|^(?:USW|USL|US-\d)/,
        name: 'UniFi or EdgeSwitch switch',
        kind: 'switch',
        weight: 0.8,
        model: sysDescrFirstWord,
      },
      {
        id: 'airmax',
        sysDescr: /airMAX|airOS/,
        name: 'airMAX radio',
        kind: 'access-point',
        weight: 0.7,
        snmpModule: 'ubiquiti_airmax',
      },
    ],
  },
  {
    number: 11863,
    vendor: 'TP-Link',
    makes: 'JetStream and Omada switch maker',
    kind: 'switch',
    weight: 0.7,
    model: tpLinkModel,
    variants: [
      {
        id: 'eap',
        sysDescr: /\bEAP\d/,
        name: 'Omada access point',
        kind: 'access-point',
        weight: 0.8,
        snmpModule: 'eap',
        model: tpLinkModel,
      },
      {
        id: 'router',
        sysDescr: /\bER\d{3,4}|\bTL-R\d|\bArcher\b|\bDeco\b/,
        name: 'TP-Link router',
        kind: 'router',
        weight: 0.7,
      },
    ],
  },
  {
    number: 9,
    vendor: 'Cisco',
    makes: 'switch and router maker',
    kind: 'switch',
    weight: 0.6,
    snmpModule: 'cisco_device',
    variants: [
      {
        id: 'router',
        sysDescr: /Adaptive Security Appliance|\bISR\d|Integrated Services Router|IOS XR|\bRV\d{3}/,
        name: 'Cisco router or firewall',
        kind: 'router',
        weight: 0.7,
        snmpModule: 'cisco_device',
      },
      {
        id: 'access-point',
        sysDescr: /Aironet|\bAIR-|\bC9\d{2}0AX?I/,
        name: 'Cisco access point',
        kind: 'access-point',
        weight: 0.7,
      },
    ],
  },
  {
    number: 4526,
    vendor: 'Netgear',
    makes: 'switch maker',
    kind: 'switch',
    weight: 0.6,
    variants: [
      {
        id: 'readynas',
        sysDescr: /ReadyNAS/i,
        name: 'ReadyNAS',
        kind: 'nas',
        weight: 0.9,
        snmpModule: 'readynas',
      },
      {
        id: 'router',
        sysDescr: /Nighthawk|Orbi|\bR\d{4}\b|\bRAX\d/,
        name: 'Netgear router',
        kind: 'router',
        weight: 0.7,
      },
    ],
  },
  {
    number: 14988,
    vendor: 'MikroTik',
    makes: 'RouterOS router maker',
    kind: 'router',
    weight: 0.8,
    snmpModule: 'mikrotik',
    variants: [
      {
        id: 'switch',
        sysDescr: /\bCRS\d|\bCSS\d|SwOS/,
        name: 'MikroTik switch',
        kind: 'switch',
        weight: 0.8,
        snmpModule: 'mikrotik',
      },
      {
        id: 'access-point',
        sysDescr: /\b(?:cAP|wAP)\b/,
        name: 'MikroTik access point',
        kind: 'access-point',
        weight: 0.7,
        snmpModule: 'mikrotik',
      },
    ],
  },
  {
    number: 2636,
    vendor: 'Juniper',
    makes: 'router and switch maker',
    kind: 'router',
    weight: 0.6,
    variants: [
      {
        id: 'switch',
        sysDescr: /\bEX\d{4}|\bQFX\d/,
        name: 'Juniper EX/QFX switch',
        kind: 'switch',
        weight: 0.8,
      },
    ],
  },
  {
    number: 14823,
    vendor: 'Aruba',
    makes: 'wireless maker',
    kind: 'access-point',
    weight: 0.6,
    variants: [{ id: 'switch', sysDescr: /switch/i, name: 'Aruba switch', kind: 'switch', weight: 0.7 }],
  },
  {
    number: 12356,
    vendor: 'Fortinet',
    makes: 'FortiGate firewall maker',
    kind: 'router',
    weight: 0.7,
    variants: [
      { id: 'switch', sysDescr: /FortiSwitch/i, name: 'FortiSwitch', kind: 'switch', weight: 0.8 },
      { id: 'access-point', sysDescr: /FortiAP/i, name: 'FortiAP', kind: 'access-point', weight: 0.8 },
    ],
  },
  {
    number: 25461,
    vendor: 'Palo Alto Networks',
    makes: 'firewall maker',
    kind: 'router',
    weight: 0.8,
    snmpModule: 'paloalto_fw',
  },
  {
    number: 30065,
    vendor: 'Arista',
    makes: 'switch maker',
    kind: 'switch',
    weight: 0.8,
    snmpModule: 'arista_sw',
  },
  {
    number: 890,
    vendor: 'Zyxel',
    makes: 'switch maker',
    kind: 'switch',
    weight: 0.5,
    variants: [
      { id: 'nas', sysDescr: /\bNAS\d{3}/, name: 'Zyxel NAS', kind: 'nas', weight: 0.8 },
      {
        id: 'router',
        sysDescr: /ZyWALL|\bUSG\s?(?:FLEX|\d)|\bATP\d|\bVMG\d/,
        name: 'Zyxel firewall or router',
        kind: 'router',
        weight: 0.7,
      },
      {
        id: 'access-point',
        sysDescr: /\b(?:NWA|WAC|WAX)\d/,
        name: 'Zyxel access point',
        kind: 'access-point',
        weight: 0.7,
      },
    ],
  },
  {
    number: 171,
    vendor: 'D-Link',
    makes: 'switch maker',
    kind: 'switch',
    weight: 0.5,
    variants: [
      { id: 'router', sysDescr: /\bDIR-\d|\bDSR-\d/, name: 'D-Link router', kind: 'router', weight: 0.7 },
      {
        id: 'access-point',
        sysDescr: /\bDAP-\d/,
        name: 'D-Link access point',
        kind: 'access-point',
        weight: 0.7,
      },
      { id: 'nas', sysDescr: /\bDNS-\d{3}/, name: 'D-Link ShareCenter NAS', kind: 'nas', weight: 0.7 },
    ],
  },
  // HP: printers (JetDirect) and, under hpSwitch (11.2.3.7.11), ProCurve/Aruba switches.
  {
    number: 11,
    vendor: 'HP',
    makes: 'printer and switch maker',
    kind: 'printer',
    weight: 0.4,
    model: hpPrinterModel,
    variants: [
      {
        id: 'procurve',
        oidPrefix: '1.3.6.1.4.1.11.2.3.7.11',
        name: 'ProCurve/Aruba switch',
        kind: 'switch',
        weight: 0.85,
        model: hpSwitchModel,
      },
      {
        id: 'jetdirect',
        oidPrefix: '1.3.6.1.4.1.11.2.3.9',
        name: 'JetDirect printer',
        kind: 'printer',
        weight: 0.85,
        model: hpPrinterModel,
      },
      {
        id: 'switch',
        sysDescr: /ProCurve|\bSwitch\b/,
        name: 'HP switch',
        kind: 'switch',
        weight: 0.75,
        model: hpSwitchModel,
      },
      {
        id: 'printer',
        sysDescr: /JETDIRECT|LaserJet|OfficeJet|DeskJet|PageWide|DesignJet/i,
        name: 'HP printer',
        kind: 'printer',
        weight: 0.8,
        model: hpPrinterModel,
      },
    ],
  },
  { number: 2435, vendor: 'Brother', makes: 'printer maker', kind: 'printer', weight: printerWeight },
  { number: 1602, vendor: 'Canon', makes: 'printer maker', kind: 'printer', weight: printerWeight },
  { number: 1248, vendor: 'Epson', makes: 'printer maker', kind: 'printer', weight: printerWeight },
  { number: 641, vendor: 'Lexmark', makes: 'printer maker', kind: 'printer', weight: printerWeight },
  { number: 253, vendor: 'Xerox', makes: 'printer maker', kind: 'printer', weight: printerWeight },
  { number: 367, vendor: 'Ricoh', makes: 'printer maker', kind: 'printer', weight: printerWeight },
  { number: 1347, vendor: 'Kyocera', makes: 'printer maker', kind: 'printer', weight: printerWeight },
  { number: 18334, vendor: 'Konica Minolta', makes: 'printer maker', kind: 'printer', weight: printerWeight },
  { number: 2001, vendor: 'OKI', makes: 'printer maker', kind: 'printer', weight: printerWeight },
  // Power: no host kind fits; snmp_exporter reads them.
  { number: 318, vendor: 'APC', makes: upsMakes, weight: 0.8, snmpModule: 'apcups' },
  { number: 534, vendor: 'Eaton', makes: upsMakes, weight: 0.8 },
  { number: 3808, vendor: 'CyberPower', makes: upsMakes, weight: 0.8, snmpModule: 'cyberpower' },
  { number: 850, vendor: 'Tripp Lite', makes: upsMakes, weight: 0.8 },
  // Servers and their management controllers.
  // Windows' own SNMP service: it names the OS, not the maker of the PC.
  {
    number: 311,
    vendor: 'Microsoft',
    makes: 'the Windows SNMP service',
    kind: 'windows',
    weight: 0.8,
    generic: true,
  },
  {
    number: 6876,
    vendor: 'VMware',
    makes: 'ESXi maker',
    kind: 'hypervisor',
    weight: 0.8,
    model: esxiVersion,
  },
  {
    number: 674,
    vendor: 'Dell',
    makes: 'server, iDRAC and switch maker',
    weight: 0.6,
    variants: [
      {
        id: 'switch',
        sysDescr: /PowerConnect|Dell (?:EMC )?Networking/,
        name: 'Dell switch',
        kind: 'switch',
        weight: 0.8,
      },
      {
        id: 'idrac',
        sysDescr: /iDRAC/,
        name: 'iDRAC management controller',
        weight: 0.7,
        snmpModule: 'dell',
      },
    ],
  },
  { number: 232, vendor: 'HPE', makes: 'ProLiant server maker', weight: 0.6, snmpModule: 'hpe' },
  { number: 10876, vendor: 'Supermicro', makes: 'server board and IPMI controller maker', weight: 0.6 },
] as const satisfies readonly EnterpriseNumber[];

const byNumber: ReadonlyMap<number, EnterpriseNumber> = new Map(
  enterpriseNumbers.map((entry): [number, EnterpriseNumber] => [entry.number, entry]),
);

export function findEnterprise(number: number): EnterpriseNumber | undefined {
  return byNumber.get(number);
}

/** The first variant of the entry whose conditions hold for this agent. */
export function selectVariant(entry: EnterpriseNumber, snmp: SnmpInfo): EnterpriseVariant | undefined {
  return entry.variants?.find(
    (variant) =>
      (variant.oidPrefix === undefined || oidUnder(snmp.sysObjectID, variant.oidPrefix)) &&
      (variant.sysDescr === undefined || variant.sysDescr.test(snmp.sysDescr)),
  );
}

/** The table's reading of the host's sysObjectID: its vendor entry and the variant that holds. */
export function identifyAgent(
  facts: HostFacts,
): { entry: EnterpriseNumber; variant: EnterpriseVariant | undefined } | undefined {
  const snmp = facts.snmp;
  if (!snmp) return undefined;
  const number = enterpriseOf(snmp.sysObjectID);
  const entry = number === undefined ? undefined : findEnterprise(number);
  return entry && { entry, variant: selectVariant(entry, snmp) };
}
