// The exporter catalog: every exporter Promstead can install, by its discovery id.
import type { ExporterId } from '@shared/contract';
import { blackboxExporter } from './blackbox-exporter';
import type { ExporterDefinition } from './catalog-types';
import { cadvisor } from './cadvisor';
import { nodeExporter } from './node-exporter';
import { prometheusServer } from './prometheus-server';
import { pushgateway } from './pushgateway';
import { snmpExporter } from './snmp-exporter';
import { mongodbExporter } from './mongodb-exporter';
import { mysqldExporter } from './mysqld-exporter';
import { postgresExporter } from './postgres-exporter';
import { redisExporter } from './redis-exporter';
import { unpoller } from './unpoller';
import { windowsExporter } from './windows-exporter';

/**
 * Each entry's key is its id; the mapped type makes a mismatch a compile error. Entries
 * are held as ExporterDefinition<unknown>: callers get params from `params.parse` first.
 */
type CatalogShape = { [Id in ExporterId]?: ExporterDefinition<unknown> & { id: Id } };

export const exporterCatalog = {
  node_exporter: nodeExporter,
  windows_exporter: windowsExporter,
  cadvisor,
  blackbox_exporter: blackboxExporter,
  snmp_exporter: snmpExporter,
  unpoller,
  postgres_exporter: postgresExporter,
  mysqld_exporter: mysqldExporter,
  mongodb_exporter: mongodbExporter,
  redis_exporter: redisExporter,
  pushgateway,
  prometheus: prometheusServer,
} satisfies CatalogShape;

export type CatalogExporterId = keyof typeof exporterCatalog;

/** The definition for an id, or undefined for an exporter the catalog does not cover yet. */
export function findExporter(id: ExporterId): ExporterDefinition<unknown> | undefined {
  return Object.hasOwn(exporterCatalog, id) ? exporterCatalog[id as CatalogExporterId] : undefined;
}
