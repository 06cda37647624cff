// Classification rules generated from the enterprise table: exactly one fires per agent,
// the vendor's default or the variant that holds (an EdgeRouter is not an access point).
import type { ClassificationRule } from './classification-rule';
import {
  enterpriseNumbers,
  identifyAgent,
  type EnterpriseNumber,
  type EnterpriseVariant,
} from './enterprise-numbers';
import type { HostFacts } from './host-facts';
import { normalizeOid } from './host-signals';
import { snmpVendorModel } from './models';
import { displayText, quote } from './text';

function shownOid(facts: HostFacts): string {
  return displayText(normalizeOid(facts.snmp?.sysObjectID ?? ''), 60);
}

/** The vendor MIB's model first; failing that, what the entry reads out of sysDescr. */
function modelOf(
  entry: EnterpriseNumber,
  read: ((facts: HostFacts) => string | undefined) | undefined,
): ((facts: HostFacts) => string | undefined) | undefined {
  if (entry.generic) return undefined;
  return (facts) => snmpVendorModel(facts) ?? read?.(facts);
}

function defaultRule(entry: EnterpriseNumber): ClassificationRule {
  return {
    id: `enterprise-${entry.number}`,
    when: (facts) => {
      const agent = identifyAgent(facts);
      return agent?.entry === entry && agent.variant === undefined;
    },
    gives: {
      kind: entry.kind,
      vendor: entry.generic ? undefined : entry.vendor,
      model: modelOf(entry, entry.model),
    },
    weight: entry.weight,
    evidence: (facts) =>
      entry.generic
        ? `sysObjectID ${shownOid(facts)} → ${entry.makes}`
        : `sysObjectID ${shownOid(facts)} → ${entry.vendor} (enterprise ${entry.number}, ${entry.makes})`,
  };
}

function variantRule(entry: EnterpriseNumber, variant: EnterpriseVariant): ClassificationRule {
  return {
    id: `enterprise-${entry.number}-${variant.id}`,
    when: (facts) => identifyAgent(facts)?.variant === variant,
    gives: {
      kind: variant.kind,
      vendor: entry.generic ? undefined : entry.vendor,
      model: modelOf(entry, variant.model),
    },
    weight: variant.weight,
    evidence: (facts) => {
      if (entry.generic) return `sysObjectID ${shownOid(facts)} → ${variant.name}`;
      const owner = `${entry.vendor} (enterprise ${entry.number})`;
      if (variant.sysDescr === undefined) return `sysObjectID ${shownOid(facts)} → ${owner}: ${variant.name}`;
      return `sysObjectID ${shownOid(facts)} → ${owner}; sysDescr ${quote(facts.snmp?.sysDescr ?? '')} → ${variant.name}`;
    },
  };
}

export const enterpriseRules = enterpriseNumbers.flatMap((entry: EnterpriseNumber) => [
  defaultRule(entry),
  ...(entry.variants ?? []).map((variant) => variantRule(entry, variant)),
]) satisfies readonly ClassificationRule[];
