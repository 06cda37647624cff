// Public face of the hosts domain (hosts.*): hosts added, pinned and connected, what a
// deploy works on once connected (SSH, a Docker endpoint, the /proc reader), and the
// preflight that reads a host before a deploy.
export { sshOf, sshProcReader, type DeployTarget, type HostProcReader } from './deploy-target';
export { hostHandlers } from './host-handlers';
export { HostService, type HostServiceDependencies } from './host-service';
export { HostStore, hostIdFor } from './host-store';
export { helperEntrypoint, helperImage, helperImageReference, helperLabel } from './helper-image';
