// Public face of the binaries domain (binaries.*): this machine's cache of exporter
// release binaries, which the systemd install method reads.
export { binaryHandlers } from './binary-handlers';
export { SystemdBinaryCache, type CachedBinary } from './systemd-binary-cache';
