// Public face of the Prometheus configuration domain: the model, the renderers, the
// shipped rule packs and the promtool checks.
export type {
  AlertRule,
  MultiTargetJob,
  PrometheusConfigModel,
  RecordingRule,
  RelabelRule,
  RuleGroup,
  ScrapeJob,
  ScrapeTier,
  StaticTargetGroup,
} from './config-model';
export { scrapeTierIntervals } from './config-model';
export { isPrometheusDuration, parsePrometheusDuration } from './duration';
export {
  generatedConfigHeader,
  multiTargetRelabels,
  PrometheusConfigError,
  renderMetricRelabelConfigs,
  renderPrometheusConfig,
} from './render-config';
export { generatedRulesHeader, renderRuleFile } from './render-rules';
export { validateConfigModel } from './validate-config-model';
export { rulePackById, rulePacks, type RulePack, type RulePackId } from './rule-packs';
export {
  checkConfig,
  checkRules,
  defaultPromtoolPath,
  testRules,
  type CompanionFiles,
  type PromtoolOptions,
  type PromtoolResult,
} from './promtool';
export {
  activeTargets,
  fetchHttp,
  reloadConfig,
  waitForTargetsUp,
  type ActiveTarget,
  type PrometheusHttp,
  type TargetsVerdict,
} from './prometheus-api';
export { exporterDownRule, rulePackGroups } from './rule-packs';
