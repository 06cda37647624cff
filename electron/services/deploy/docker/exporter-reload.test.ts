import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { prometheusServer } from '../../exporters/prometheus-server';
import { reloadExporter, type ReloadTarget, type StreamOpener } from './exporter-reload';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const servers: Server[] = [];

async function serve(handler: Handler): Promise<{ port: number; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    handler(request, response);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, seen };
}

/** A port nothing listens on: one the system gave and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** Prometheus as it answers: /-/reload, then its gauge on /metrics. */
function prometheusLike(reloadStatus: number, reloadBody: string, gauge: string): Handler {
  return (request, response) => {
    if (request.url === '/-/reload' && request.method === 'POST') {
      response.writeHead(reloadStatus, { 'content-type': 'text/plain' });
      response.end(reloadBody);
      return;
    }
    if (request.url === '/metrics') {
      response.end(
        `# TYPE prometheus_config_last_reload_successful gauge\nprometheus_config_last_reload_successful ${gauge}\n`,
      );
      return;
    }
    response.writeHead(404).end();
  };
}

function target(port: number): ReloadTarget {
  return {
    exporter: 'prometheus',
    name: 'Prometheus',
    address: '127.0.0.1',
    port,
    reload: prometheusServer.reload,
  };
}

describe('reloadExporter', () => {
  it('posts the reload and checks the success gauge on the same route', async () => {
    const { port, seen } = await serve(prometheusLike(200, '', '1'));
    await expect(reloadExporter(target(port), undefined)).resolves.toEqual({
      url: `http://127.0.0.1:${port}/-/reload`,
    });
    expect(seen).toEqual(['POST /-/reload', 'GET /metrics']);
  });

  it('fails with what the exporter answered when it rejects the config', async () => {
    const { port } = await serve(
      prometheusLike(500, 'failed to reload config: not a valid duration string: "banana"\n', '0'),
    );
    const failure = reloadExporter(target(port), undefined);
    await expect(failure).rejects.toMatchObject({ code: 'VERIFICATION_FAILED' });
    await expect(failure).rejects.toThrow(
      /Prometheus did not take the new configuration: POST .*\/-\/reload answered HTTP 500: failed to reload config: not a valid duration string: "banana"/,
    );
  });

  it('fails when the answer is 2xx but the gauge says the config did not load', async () => {
    const { port } = await serve(prometheusLike(200, '', '0'));
    await expect(reloadExporter(target(port), undefined)).rejects.toThrow(
      /prometheus_config_last_reload_successful is 0/,
    );
  });

  it('says so when the lifecycle API is off', async () => {
    const { port } = await serve(prometheusLike(403, 'Lifecycle API is not enabled.', '1'));
    await expect(reloadExporter(target(port), undefined)).rejects.toThrow(
      /HTTP 403: Lifecycle API is not enabled\./,
    );
  });

  it('falls back to the SSH route when the port is not reachable directly', async () => {
    const { port, seen } = await serve(prometheusLike(200, '', '1'));
    const unreachable = await closedPort();
    const asked: number[] = [];
    // Stands in for ssh2's forwardOut: a stream to the exporter whatever the address.
    const through: StreamOpener = async (forwarded) => {
      asked.push(forwarded);
      return connect(port, '127.0.0.1');
    };
    await expect(reloadExporter(target(unreachable), through)).resolves.toEqual({
      url: `http://127.0.0.1:${unreachable}/-/reload (through SSH)`,
    });
    expect(asked).toEqual([unreachable, unreachable]);
    expect(seen).toEqual(['POST /-/reload', 'GET /metrics']);
  });

  it('reports both routes when neither answers, and only the direct one without SSH', async () => {
    const unreachable = await closedPort();
    const noTunnel: StreamOpener = () => Promise.reject(new Error('channel open failure'));
    await expect(reloadExporter(target(unreachable), noTunnel)).rejects.toThrow(
      /could not be asked to reload .*ECONNREFUSED.*through SSH: channel open failure/,
    );
    const direct = reloadExporter(target(unreachable), undefined);
    await expect(direct).rejects.toMatchObject({ code: 'VERIFICATION_FAILED' });
    await expect(direct).rejects.not.toThrow(/through SSH/);
  });

  it('needs no gauge where the catalog names none (snmp_exporter: the answer is the proof)', async () => {
    const { port, seen } = await serve((_request, response) => response.end());
    await reloadExporter(
      {
        ...target(port),
        exporter: 'snmp_exporter',
        name: 'SNMP Exporter',
        reload: { method: 'POST', path: '/-/reload' },
      },
      undefined,
    );
    expect(seen).toEqual(['POST /-/reload']);
  });
});
