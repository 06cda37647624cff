// The hosts.* operations, over the HostService.
import type { OperationHandlers } from '../boundary';
import type { HostService } from './host-service';

type HostOperation =
  | 'hosts.list'
  | 'hosts.scanKey'
  | 'hosts.add'
  | 'hosts.addDocker'
  | 'hosts.repin'
  | 'hosts.remove'
  | 'hosts.preflight';

export function hostHandlers(hosts: HostService): Pick<OperationHandlers, HostOperation> {
  return {
    'hosts.list': async () => ({ hosts: hosts.list() }),
    'hosts.scanKey': ({ address, port }) => hosts.scanKey(address, port),
    'hosts.add': (input) => hosts.add(input),
    'hosts.addDocker': (input) => hosts.addDocker(input),
    'hosts.repin': ({ id, fingerprint }) => hosts.repin(id, fingerprint),
    'hosts.remove': ({ id }) => hosts.remove(id),
    'hosts.preflight': ({ hostId, ports }, job) => hosts.preflight(hostId, ports, job),
  };
}
