// Every contract operation's handler, one spread per namespace. Each namespace's
// handlers live in its own folder (`hosts.*` in hosts/, `deploy.*` in deploy/…), so a
// search for an operation's name lands in its domain.
import { appHandlers, type AppHandlerServices } from './app';
import { binaryHandlers, type SystemdBinaryCache } from './binaries';
import type { OperationHandlers } from './boundary';
import { deployHandlers, type DeployService } from './deploy';
import { diagnosticsHandlers } from './diagnostics';
import { discoveryHandlers, type InventoryStore } from './discovery';
import { exporterHandlers, type RenderContext } from './exporters';
import { hostHandlers, type HostService } from './hosts';
import { metricsHandlers, type DropStore, type ScrapeFamilies } from './metrics';
import { configHandlers } from './monitoring';
import { queryHandlers } from './query';
import { renderContextFrom } from './settings';

export interface HandlerServices extends AppHandlerServices {
  inventory: InventoryStore;
  hosts: HostService;
  deploy: DeployService;
  /** The release binaries systemd installs use; the same instance the DeployService reads. */
  binaries: SystemdBinaryCache;
  /** Saved drop rules; the same instance the DeployService renders into Prometheus's config. */
  drops: DropStore;
  scrapeFamilies?: ScrapeFamilies;
}

export function createHandlers(services: HandlerServices): OperationHandlers {
  const renderContext = (exporterId?: string): RenderContext =>
    renderContextFrom(services.settings, exporterId);
  return {
    ...appHandlers(services),
    ...diagnosticsHandlers(),
    ...discoveryHandlers(services),
    ...exporterHandlers(renderContext),
    ...configHandlers(services.inventory),
    ...hostHandlers(services.hosts),
    ...deployHandlers(services.deploy),
    ...binaryHandlers({ cache: services.binaries, renderContextFor: renderContext }),
    ...metricsHandlers(services),
    ...queryHandlers(services),
  };
}
