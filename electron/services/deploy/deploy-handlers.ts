// The deploy.* operations, over the DeployService.
import type { NamespaceHandlers } from '../boundary';
import type { DeployService } from './deploy-service';

export function deployHandlers(deploy: DeployService): NamespaceHandlers<'deploy'> {
  return {
    'deploy.list': async ({ hostId }) => ({ deployments: deploy.list(hostId) }),
    'deploy.plan': (input) => deploy.plan(input),
    'deploy.apply': (input, job) => deploy.apply(input, job),
    'deploy.uninstall': ({ hostId, exporters }, job) => deploy.uninstall(hostId, exporters, job),
  };
}
