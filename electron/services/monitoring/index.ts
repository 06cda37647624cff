// Public face of the monitoring domain: what is scraped where (the spec, from the user or
// derived from a scan), rendered to prometheus.yml and rules, and checked by promtool.
export {
  buildMonitoringConfig,
  mergeMonitoringFiles,
  promsteadRuleFilePath,
  renderMonitoringFiles,
} from './build-monitoring-config';
export { checkMonitoringFiles, type CheckOptions } from './check-monitoring-files';
export { dropsOf, specFromDeployments } from './deployment-spec';
export { specFromInventory, type InventorySpecOptions } from './inventory-spec';
export { configHandlers } from './config-handlers';
