// Discovery's probes: what answers on a host's ports, its reverse-DNS name, and its MAC
// and maker from the neighbour table. Each call is bounded in time and cancellable.
export { identifyExporter, type IdentifiedExporter } from './metrics-identify';
export { macVendor } from './mac-vendor';
export { readNeighbours } from './neighbours';
export { defaultPorts, portTable, probeKindForPort, type PortEntry, type ProbeKind } from './port-table';
export { reverseLookup, type ReverseLookupOptions } from './reverse-dns';
export { probeServices, type ProbeServicesOptions } from './service-probe';
