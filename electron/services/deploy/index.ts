// Public face of the deploy domain: hosts (added, pinned, connected), and the deploy
// steps that work on a connected host.
export { sshOf, sshProcReader, type DeployTarget, type HostProcReader } from './deploy-target';
export { binaryHandlers } from './binary-handlers';
export { hostHandlers } from './host-handlers';
export { HostService, type HostServiceDependencies } from './host-service';
export { HostStore, hostIdFor } from './host-store';
export { deployHandlers } from './deploy-handlers';
export { DeployService, type DeployServiceDependencies } from './deploy-service';
export { DeploymentStore } from './deployment-store';
export { SystemdBinaryCache, type CachedBinary } from './systemd-binary-cache';
