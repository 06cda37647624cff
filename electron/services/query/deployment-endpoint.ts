// The Prometheus Promstead deployed on a host, reached at its scrape address directly, or
// through the host's SSH connection (a TCP stream to the host's own 127.0.0.1) when a
// firewall or a loopback-only listener keeps it from this machine. The route that worked
// is remembered per host, so a firewalled host does not wait out a connect on each call.
import type { Duplex } from 'node:stream';
import { errorText, type Host, isPromsteadError, PromsteadError } from '@shared/contract';
import type { DeployService } from '../deploy';
import { openTcpThrough } from '../ssh';
import type { HostService } from '../hosts';
import type { PrometheusHttp } from '../prometheus';
import { exchange, isUnreached } from './http-exchange';
import type { PrometheusEndpoint } from './query-client';
import type { TransportLimits } from './url-transport';

export interface DeploymentEndpointDependencies {
  deploy: Pick<DeployService, 'list'>;
  hosts: Pick<HostService, 'get' | 'target'>;
}

/** host:port, [v6]:port → its address and port. */
function splitAddress(scrapeAddress: string): { address: string; port: number } | undefined {
  const match = /^\[?([^\]]*?)\]?:(\d{1,5})$/.exec(scrapeAddress);
  return match?.[1] && match[2] ? { address: match[1], port: Number(match[2]) } : undefined;
}

function hostPort(address: string, port: number): string {
  return `${address.includes(':') ? `[${address}]` : address}:${port}`;
}

export class DeploymentEndpoints {
  /** Hosts whose Prometheus answered through SSH last time. */
  private readonly throughSsh = new Set<string>();

  constructor(
    private readonly deps: DeploymentEndpointDependencies,
    private readonly limits: TransportLimits,
  ) {}

  /** NOT_FOUND, saying what to do, when nothing Promstead deployed there is a Prometheus. */
  endpoint(hostId: string): PrometheusEndpoint {
    const host = this.deps.hosts.get(hostId);
    const record = this.deps.deploy.list(hostId).find((entry) => entry.exporter === 'prometheus');
    if (!record) {
      throw new PromsteadError(
        'NOT_FOUND',
        `Promstead has not deployed Prometheus on ${host.name}: deploy it there (\`promstead deploy apply ${host.id} prometheus\`), or give the server's URL.`,
      );
    }
    const where = splitAddress(record.scrapeAddress);
    if (!where) {
      throw new PromsteadError(
        'STATE_CORRUPT',
        `The Prometheus deployment on ${host.name} has no usable address ("${record.scrapeAddress}"): deploy it again.`,
      );
    }
    const directUrl = `http://${hostPort(where.address, where.port)}`;
    const name = `Prometheus on ${host.name} (${directUrl})`;
    const direct: PrometheusHttp = (method, path, form) =>
      exchange({
        url: new URL(`${directUrl}${path}`),
        method,
        ...(form ? { form } : {}),
        serverName: name,
        ...this.limits,
      });
    const viaSsh: PrometheusHttp = (method, path, form) => this.overSsh(host, where.port, method, path, form);
    const http: PrometheusHttp = async (method, path, form) => {
      if (host.kind !== 'ssh') return direct(method, path, form);
      const sshFirst = this.throughSsh.has(host.id);
      const [first, second] = sshFirst ? [viaSsh, direct] : [direct, viaSsh];
      let firstFailure: unknown;
      try {
        return await first(method, path, form);
      } catch (error) {
        if (!isUnreached(error)) throw error;
        firstFailure = error;
      }
      try {
        const answer = await second(method, path, form);
        if (sshFirst) this.throughSsh.delete(host.id);
        else this.throughSsh.add(host.id);
        return answer;
      } catch (error) {
        if (!isUnreached(error)) throw error;
        const [directFailure, sshFailure] = sshFirst ? [error, firstFailure] : [firstFailure, error];
        throw new PromsteadError(
          isPromsteadError(directFailure) ? directFailure.code : 'TRANSPORT',
          `${name} did not answer, directly (${errorText(directFailure)}) nor through SSH (${errorText(sshFailure)}). Is Prometheus running there?`,
        );
      }
    };
    return { name, http };
  }

  /** One exchange over a TCP stream the host opens to its own 127.0.0.1:port. */
  private async overSsh(
    host: Host,
    port: number,
    method: 'GET' | 'POST',
    path: string,
    form?: URLSearchParams,
  ): Promise<{ status: number; body: string }> {
    let stream: Duplex;
    try {
      const target = await this.deps.hosts.target(host.id);
      if (!target.ssh) throw new PromsteadError('TRANSPORT', `${host.name} has no SSH connection.`);
      stream = await openTcpThrough(await target.ssh.connection(), port);
    } catch (error) {
      // ssh2 words a refused forward "Connection refused": nothing listens on the host's port.
      const refused = /refused/i.test(errorText(error));
      throw new PromsteadError(
        isPromsteadError(error) ? error.code : refused ? 'CONNECTION_REFUSED' : 'TRANSPORT',
        errorText(error),
        { connected: false },
      );
    }
    const answer = await exchange({
      url: new URL(`http://127.0.0.1:${port}${path}`),
      method,
      ...(form ? { form } : {}),
      stream,
      serverName: `Prometheus on ${host.name} (127.0.0.1:${port} through SSH)`,
      ...this.limits,
    });
    return { status: answer.status, body: answer.body };
  }
}
