export { InventoryStore } from './inventory-store';
export { runScan, type ScanDependencies } from './scan-job';
export { discoveryHandlers, type DiscoveryHandlerServices } from './discovery-handlers';
