// Public face of the exporters domain (exporters.*): the catalog of every exporter
// Promstead can install, by its discovery id, and what each one renders.
export type {
  ExporterDefinition,
  RenderContext,
  ScrapeContext,
  ConfigFile,
  ContainerSpec,
} from './catalog-types';
export { RenderContextSchema, installStyles } from './catalog-types';
export { imageReference, ImageReferenceError } from './image-reference';
export { NodeExporterParamsSchema, type NodeExporterParams } from './node-exporter';
export { BlackboxExporterParamsSchema, type BlackboxExporterParams } from './blackbox-exporter';
export { renderBlackboxYaml, blackboxConfig } from './blackbox-modules';
export { renderComposeFile } from './compose-file';
export { buildArtefacts, catalogEntry } from './artefacts';
export {
  fillSecretTemplate,
  referencesSecrets,
  secretEncodingHints,
  type SecretEncoding,
  type SecretLookup,
  type SecretTemplate,
} from './secret-template';

export { exporterCatalog, findExporter, type CatalogExporterId } from './catalog';
export { exporterHandlers } from './exporter-handlers';
export { versionOf, type BinaryRelease, type ReloadCapability } from './catalog-types';
export { type ImageOverride, type ImageSpec } from './image-reference';
export { type BlackboxModule } from './blackbox-modules';
export {
  renderAuth,
  yamlModule,
  type ResolveSecret,
  type SnmpAuth,
  type SnmpLayout,
  type SnmpModule,
  type BuiltinSnmpModule,
} from './snmp-modules';
