// The exporter catalog: every exporter Promstead can install, by its discovery id.
import type { ExporterId } from '../../../shared/contract/discovery';
import { blackboxExporter } from './blackbox-exporter';
import type { ExporterDefinition } from './catalog-types';
import { nodeExporter } from './node-exporter';

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
export { blackboxPresets, renderBlackboxYaml, blackboxConfig } from './blackbox-modules';
export { renderComposeFile } from './compose-file';
export { buildArtefacts, catalogEntry } from './artefacts';

/**
 * Each entry's key is its id; the mapped type makes a mismatch a compile error. Entries
 * are held as ExporterDefinition<unknown>: callers get params from `params.parse` first.
 */
type CatalogShape = { [Id in ExporterId]?: ExporterDefinition<unknown> & { id: Id } };

export const exporterCatalog = {
  node_exporter: nodeExporter,
  blackbox_exporter: blackboxExporter,
} satisfies CatalogShape;

export type CatalogExporterId = keyof typeof exporterCatalog;

/** The definition for an id, or undefined for an exporter the catalog does not cover yet. */
export function findExporter(id: ExporterId): ExporterDefinition<unknown> | undefined {
  return Object.hasOwn(exporterCatalog, id) ? exporterCatalog[id as CatalogExporterId] : undefined;
}
