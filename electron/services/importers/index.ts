// Importers of users' own config files: read what Promstead models, write changes back
// without losing anything it does not.
export { ConfigImportError } from './yaml-document';
export {
  exportPrometheusConfig,
  importPrometheusConfig,
  type ImportedPrometheusConfig,
  type PrometheusConfigChanges,
} from './prometheus-config';
export {
  exportBlackboxConfig,
  importBlackboxConfig,
  type BlackboxConfigChanges,
  type ImportedBlackboxConfig,
  type ImportedBlackboxModule,
} from './blackbox-config';
export {
  convertLegacySnmpConfig,
  detectSnmpLayout,
  exportSnmpConfig,
  importSnmpConfig,
  type ImportedSnmpAuth,
  type ImportedSnmpConfig,
  type SnmpConfigChanges,
} from './snmp-config';
