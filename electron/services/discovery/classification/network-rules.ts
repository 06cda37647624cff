// Rules for network gear and printers: what sysDescr, a web UI title or an open port
// says beyond the enterprise number (enterprise-rules.ts).
import type { ClassificationRule } from './classification-rule';
import { identifyAgent } from './enterprise-numbers';
import { isCups, sshService, sysDescrOf, unifiApModel } from './host-signals';
import { hpPrinterModel, snmpVendorModel, sysDescrFirstWord } from './models';
import { sysDescrShown, titleOn } from './rule-evidence';
import { displayText } from './text';

export const networkRules = [
  {
    id: 'unifi-model-oid',
    when: (facts) => unifiApModel(facts) !== undefined,
    gives: { kind: 'access-point', vendor: 'Ubiquiti', model: unifiApModel },
    weight: 0.9,
    evidence: (facts) =>
      `SNMP UniFi access point model OID answered: ${displayText(unifiApModel(facts) ?? '', 40)}`,
  },
  {
    id: 'sysdescr-unifi-ap',
    when: { sysDescr: /^(?:UAP|U6|U7|UAL)-|\bUAP-|\bUniFi AP\b/ },
    gives: {
      kind: 'access-point',
      vendor: 'Ubiquiti',
      model: (facts) => snmpVendorModel(facts) ?? sysDescrFirstWord(facts),
    },
    weight: 0.8,
    evidence: (facts) => `sysDescr ${sysDescrShown(facts)} → UniFi access point`,
  },
  {
    id: 'sysdescr-unifi-switch',
    when: { sysDescr: /^(?:USW|USL|US-\d)/ },
    gives: { kind: 'switch', vendor: 'Ubiquiti', model: sysDescrFirstWord },
    weight: 0.75,
    evidence: (facts) => `sysDescr ${sysDescrShown(facts)} → UniFi switch`,
  },
  {
    id: 'sysdescr-unifi-gateway',
    when: { sysDescr: /^(?:USG|UDM|UXG|UCG)/ },
    gives: { kind: 'router', vendor: 'Ubiquiti', model: sysDescrFirstWord },
    weight: 0.75,
    evidence: (facts) => `sysDescr ${sysDescrShown(facts)} → UniFi gateway`,
  },
  {
    id: 'sysdescr-access-point',
    when: { sysDescr: /access point/i },
    gives: { kind: 'access-point' },
    weight: 0.5,
    evidence: (facts) => `sysDescr says access point: ${sysDescrShown(facts)}`,
  },
  {
    id: 'sysdescr-switch',
    when: { sysDescr: /\bswitch(?:ing)?\b/i },
    gives: { kind: 'switch' },
    weight: 0.5,
    evidence: (facts) => `sysDescr says switch: ${sysDescrShown(facts)}`,
  },
  {
    // A managed switch lists a port per interface and offers no shell; a server with
    // many interfaces (Docker's veths) names its OS in sysDescr or runs a generic agent.
    id: 'snmp-many-interfaces',
    when: (facts) =>
      (facts.snmp?.interfaces?.count ?? 0) >= 8 &&
      sshService(facts) === undefined &&
      !/^(?:Linux|FreeBSD|Darwin)\b|Windows/.test(sysDescrOf(facts)) &&
      identifyAgent(facts)?.entry.generic !== true,
    gives: { kind: 'switch' },
    weight: 0.3,
    evidence: (facts) =>
      `${facts.snmp?.interfaces?.count ?? 0} interfaces (${facts.snmp?.interfaces?.up ?? 0} up) over SNMP and no SSH, like a switch`,
  },
] as const satisfies readonly ClassificationRule[];

/** Router and firewall systems, named in sysDescr or in their web UI's title. */
const routerSystems = [
  { id: 'routeros', pattern: /RouterOS|MikroTik/, label: 'MikroTik RouterOS', vendor: 'MikroTik' },
  { id: 'pfsense', pattern: /pfSense/i, label: 'pfSense' },
  { id: 'opnsense', pattern: /OPNsense/i, label: 'OPNsense' },
  { id: 'openwrt', pattern: /OpenWrt|\bLuCI\b/, label: 'OpenWrt' },
  { id: 'dd-wrt', pattern: /DD-WRT/i, label: 'DD-WRT' },
  { id: 'edgeos', pattern: /EdgeOS|EdgeRouter/, label: 'Ubiquiti EdgeOS', vendor: 'Ubiquiti' },
  { id: 'vyos', pattern: /\bVyOS\b/, label: 'VyOS' },
  { id: 'fortigate', pattern: /FortiGate|FortiOS/, label: 'FortiGate', vendor: 'Fortinet' },
] as const satisfies readonly { id: string; pattern: RegExp; label: string; vendor?: string }[];

export const routerRules = routerSystems.flatMap((system): ClassificationRule[] => {
  const vendor = 'vendor' in system ? system.vendor : undefined;
  return [
    {
      id: `sysdescr-${system.id}`,
      when: { sysDescr: system.pattern },
      gives: { kind: 'router', vendor },
      weight: 0.8,
      evidence: (facts) => `sysDescr ${sysDescrShown(facts)} → ${system.label}`,
    },
    {
      id: `http-${system.id}`,
      when: { service: { names: ['http', 'https'], httpTitle: system.pattern } },
      gives: { kind: 'router', vendor },
      weight: 0.6,
      evidence: (_facts, match) => `web UI ${titleOn(match)} → ${system.label}`,
    },
  ];
}) satisfies readonly ClassificationRule[];

/** Printer makers as sysDescr names them. */
const printerMakers = [
  { id: 'hp', pattern: /LaserJet|JetDirect|OfficeJet|DeskJet|PageWide|DesignJet/i, vendor: 'HP' },
  {
    id: 'brother',
    pattern: /\bBrother\b|\bMFC-[A-Z]?\d|\bHL-[A-Z]{0,2}\d|\bDCP-[A-Z]?\d/i,
    vendor: 'Brother',
  },
  { id: 'epson', pattern: /\bEPSON\b/i, vendor: 'Epson' },
  { id: 'canon', pattern: /\bCanon\b|imageRUNNER|i-SENSYS|\bPIXMA\b|imageCLASS/i, vendor: 'Canon' },
  { id: 'lexmark', pattern: /\bLexmark\b/i, vendor: 'Lexmark' },
  { id: 'kyocera', pattern: /Kyocera|ECOSYS|TASKalfa/i, vendor: 'Kyocera' },
  { id: 'xerox', pattern: /\bXerox\b|WorkCentre|VersaLink|AltaLink|\bPhaser\b/i, vendor: 'Xerox' },
  { id: 'ricoh', pattern: /\bRICOH\b|\bAficio\b/i, vendor: 'Ricoh' },
  { id: 'konica-minolta', pattern: /KONICA MINOLTA|\bbizhub\b/i, vendor: 'Konica Minolta' },
] as const satisfies readonly { id: string; pattern: RegExp; vendor: string }[];

export const printerRules = [
  ...printerMakers.map((maker): ClassificationRule => ({
    id: `sysdescr-printer-${maker.id}`,
    when: { sysDescr: maker.pattern },
    gives: {
      kind: 'printer',
      vendor: maker.vendor,
      model: (facts) => snmpVendorModel(facts) ?? (maker.id === 'hp' ? hpPrinterModel(facts) : undefined),
    },
    weight: 0.7,
    evidence: (facts) => `sysDescr ${sysDescrShown(facts)} → ${maker.vendor} printer`,
  })),
  {
    id: 'sysdescr-printer',
    when: { sysDescr: /\bprinter\b/i },
    gives: { kind: 'printer' },
    weight: 0.6,
    evidence: (facts) => `sysDescr says printer: ${sysDescrShown(facts)}`,
  },
  {
    id: 'http-printer',
    when: {
      service: {
        names: ['http', 'https'],
        httpTitle:
          /LaserJet|OfficeJet|DeskJet|Brother (?:HL|MFC|DCP)|EPSON|Web Image Monitor|Remote UI|CentreWare|SyncThru|Embedded Web Server/i,
      },
    },
    gives: { kind: 'printer' },
    weight: 0.5,
    evidence: (_facts, match) => `printer web UI ${titleOn(match)}`,
  },
  {
    // 9100 is not here: on a homelab it is node_exporter far more often than raw printing.
    id: 'port-ipp',
    when: (facts) => facts.services.some((service) => service.port === 631 && !isCups(service)),
    gives: { kind: 'printer' },
    weight: 0.4,
    evidence: () => 'IPP (printing) open on :631',
  },
  {
    id: 'port-lpd',
    when: { service: { ports: [515] } },
    gives: { kind: 'printer' },
    weight: 0.4,
    evidence: () => 'LPD (line printer daemon) open on :515',
  },
] as const satisfies readonly ClassificationRule[];
