export { InventoryStore } from './inventory-store';
export { DISCOVERY_HOST_TOPIC, runScan, type ScanDependencies } from './scan-job';
export { discoveryHandlers, type DiscoveryHandlerServices } from './discovery-handlers';
