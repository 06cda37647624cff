// Model names read out of sysDescr, for vendors whose agents put the model there.
// Patterns are bounded (no nested repetition) because sysDescr is the agent's choice.
import type { HostFacts } from './host-facts';

function firstMatch(text: string, pattern: RegExp): string | undefined {
  return pattern.exec(text)?.[0]?.replace(/[-,]+$/, '');
}

/** What the vendor MIB said the model is, when the SNMP layer read one. */
export function snmpVendorModel(facts: HostFacts): string | undefined {
  return facts.snmp?.vendor?.model?.trim() || undefined;
}

/** UniFi and many embedded agents start sysDescr with the model: "UAP-AC-Pro 6.5.62". */
export function sysDescrFirstWord(facts: HostFacts): string | undefined {
  return firstMatch(facts.snmp?.sysDescr ?? '', /^[A-Za-z0-9][\w+.-]{1,40}/);
}

/** "… Managed Switch TL-SG3210" → TL-SG3210; also T2600G-28TS and EAP245. */
export function tpLinkModel(facts: HostFacts): string | undefined {
  const sysDescr = facts.snmp?.sysDescr ?? '';
  return (
    firstMatch(sysDescr, /\bTL-[A-Z]{2,5}\d{2,5}[A-Z0-9+-]{0,12}/) ??
    firstMatch(sysDescr, /\bT\d{4}G-\d{2}[A-Z]{0,4}/) ??
    firstMatch(sysDescr, /\bEAP\d{3}(?:-[A-Za-z]{1,12})?/)
  );
}

/** "HP J9773A 2530-24G-PoEP Switch, revision …" → "J9773A 2530-24G-PoEP". */
export function hpSwitchModel(facts: HostFacts): string | undefined {
  const match = /\b(JL?\d{3,4}[A-Z])\s([\w+-]{2,30})/.exec(facts.snmp?.sysDescr ?? '');
  return match ? `${match[1]} ${match[2]}` : undefined;
}

/** "HP LaserJet Pro M404dn, …" → "LaserJet Pro M404dn". */
export function hpPrinterModel(facts: HostFacts): string | undefined {
  return firstMatch(
    facts.snmp?.sysDescr ?? '',
    /(?:Color )?(?:LaserJet|OfficeJet|DeskJet|PageWide|DesignJet)(?: [\w-]{1,20}){0,3}/,
  );
}

/** "VMware ESXi 7.0.3 build-20328353 …" → "ESXi 7.0.3". */
export function esxiVersion(facts: HostFacts): string | undefined {
  return firstMatch(facts.snmp?.sysDescr ?? '', /ESXi \d{1,2}(?:\.\d{1,3}){0,3}/);
}
