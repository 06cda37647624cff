// The shape of a classification rule, and how its condition is tested against a host.
import type { Service, ServiceName } from '@shared/contract';
import type { HostFacts } from './host-facts';
import { enterpriseOf, oidUnder } from './host-signals';
import type { KnownKind } from './kinds';

/** One service that must be present; every field given must hold for that same service. */
export interface ServiceMatcher {
  names?: readonly ServiceName[];
  ports?: readonly number[];
  banner?: RegExp;
  httpTitle?: RegExp;
  httpServer?: RegExp;
  /** An exporter identified from its /metrics, by name (node_exporter). */
  exporter?: string;
}

/** A declarative condition: every field given must hold. */
export interface FactMatcher {
  /** sysObjectID under 1.3.6.1.4.1.<enterprise>. */
  enterprise?: number;
  /** sysObjectID is this OID or inside its sub-tree. */
  sysObjectIdUnder?: string;
  sysDescr?: RegExp;
  macVendor?: RegExp;
  service?: ServiceMatcher;
  /** The SNMP layer read a model from a vendor MIB. */
  snmpVendorModel?: true;
}

/** What a rule says about the host when it matches. */
export interface RuleGives {
  kind?: KnownKind;
  vendor?: string;
  model?: (facts: HostFacts) => string | undefined;
}

/** What the condition matched, for the evidence line (the service that answered). */
export interface RuleMatch {
  service?: Service;
}

export interface ClassificationRule {
  /** Stable and unique: tests and logs name rules by it. */
  id: string;
  when: FactMatcher | ((facts: HostFacts) => boolean);
  gives: RuleGives;
  /**
   * 0 to 1: how strongly this fact alone identifies the kind (or the vendor, for a rule
   * with no kind). 0.9 a vendor MIB or product string; 0.6–0.8 a vendor's enterprise or a
   * product's web UI; 0.3–0.5 a port or OS marker many kinds share; 0.2–0.3 a MAC vendor.
   */
  weight: number;
  /** The line a person reads; names the fact that matched. */
  evidence: (facts: HostFacts, match: RuleMatch) => string;
}

function serviceMatches(service: Service, matcher: ServiceMatcher): boolean {
  return (
    (matcher.names === undefined || matcher.names.includes(service.service)) &&
    (matcher.ports === undefined || matcher.ports.includes(service.port)) &&
    (matcher.banner === undefined || matcher.banner.test(service.banner ?? '')) &&
    (matcher.httpTitle === undefined || matcher.httpTitle.test(service.httpTitle ?? '')) &&
    (matcher.httpServer === undefined || matcher.httpServer.test(service.httpServer ?? '')) &&
    (matcher.exporter === undefined || service.exporter?.name === matcher.exporter)
  );
}

function snmpMatches(facts: HostFacts, matcher: FactMatcher): boolean {
  const wantsSnmp =
    matcher.enterprise !== undefined ||
    matcher.sysObjectIdUnder !== undefined ||
    matcher.sysDescr !== undefined ||
    matcher.snmpVendorModel !== undefined;
  if (!wantsSnmp) return true;
  const snmp = facts.snmp;
  if (!snmp) return false;
  return (
    (matcher.enterprise === undefined || enterpriseOf(snmp.sysObjectID) === matcher.enterprise) &&
    (matcher.sysObjectIdUnder === undefined || oidUnder(snmp.sysObjectID, matcher.sysObjectIdUnder)) &&
    (matcher.sysDescr === undefined || matcher.sysDescr.test(snmp.sysDescr)) &&
    (matcher.snmpVendorModel === undefined || Boolean(snmp.vendor?.model?.trim()))
  );
}

/** What the rule matched, or undefined when it does not apply to this host. */
export function matchRule(rule: ClassificationRule, facts: HostFacts): RuleMatch | undefined {
  const condition = rule.when;
  if (typeof condition === 'function') return condition(facts) ? {} : undefined;
  if (!snmpMatches(facts, condition)) return undefined;
  if (condition.macVendor !== undefined && !condition.macVendor.test(facts.macVendor ?? '')) return undefined;
  if (condition.service === undefined) return {};
  const matcher = condition.service;
  const service = facts.services.find((candidate) => serviceMatches(candidate, matcher));
  return service ? { service } : undefined;
}
