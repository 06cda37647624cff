// Public face of the deploy domain (deploy.*): plan, apply, uninstall and list, by the
// Docker method (docker/) or the systemd method (systemd/), over a connected host.
export { deployHandlers } from './deploy-handlers';
export { DeployService, type DeployServiceDependencies } from './deploy-service';
export { DeploymentStore } from './deployment-store';
