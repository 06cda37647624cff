// The hosts.* operations, over the HostService.
import type { NamespaceHandlers } from '../boundary';
import type { HostService } from './host-service';

export function hostHandlers(hosts: HostService): NamespaceHandlers<'hosts'> {
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
