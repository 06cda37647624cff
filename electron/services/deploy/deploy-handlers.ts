// The deploy.* operations, over the DeployService.
import type { OperationHandlers } from '../boundary';
import type { DeployService } from './deploy-service';

type DeployOperation = 'deploy.list' | 'deploy.plan' | 'deploy.apply' | 'deploy.uninstall';

export function deployHandlers(deploy: DeployService): Pick<OperationHandlers, DeployOperation> {
  return {
    'deploy.list': async ({ hostId }) => ({ deployments: deploy.list(hostId) }),
    'deploy.plan': (input) => deploy.plan(input),
    'deploy.apply': (input, job) => deploy.apply(input, job),
    'deploy.uninstall': ({ hostId, exporters }, job) => deploy.uninstall(hostId, exporters, job),
  };
}
