// Host classification and exporter suggestions: pure functions of a host's scanned facts.
export { classify } from './classify';
export { suggestExporters } from './suggest';
export type { HostFacts } from './host-facts';
export { classificationRules } from './rules';
export type {
  ClassificationRule,
  FactMatcher,
  RuleGives,
  RuleMatch,
  ServiceMatcher,
} from './classification-rule';
export { enterpriseNumbers, type EnterpriseNumber, type EnterpriseVariant } from './enterprise-numbers';
export { macVendorHints, type MacVendorHint } from './mac-vendors';
