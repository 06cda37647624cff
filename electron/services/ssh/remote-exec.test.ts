// runRemote against an in-process SSH server (ssh2's own) on 127.0.0.1 that answers each
// exec with its output, exit status, EOF and close in one burst, through a relay that
// hands the client what the server sent in one read: quick commands, many in a row, each
// with its own exit status, stdout and stderr.
import { createServer, connect, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRemote } from './remote-exec';

const { Client, Server, utils } = ssh2;

let server: InstanceType<typeof Server>;
let relay: NetServer;
let port = 0;

/** Forwards both ways, but holds the server's bytes briefly so they arrive as one chunk. */
function coalescingRelay(target: number): NetServer {
  return createServer((client: Socket) => {
    const upstream = connect(target, '127.0.0.1');
    let held: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    upstream.on('data', (chunk: Buffer) => {
      held.push(chunk);
      timer ??= setTimeout(() => {
        timer = undefined;
        client.write(Buffer.concat(held));
        held = [];
      }, 15);
    });
    client.pipe(upstream);
    const close = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
}

beforeAll(async () => {
  const hostKey = utils.generateKeyPairSync('ed25519').private;
  server = new Server({ hostKeys: [hostKey] }, (connection) => {
    connection.on('authentication', (context) => context.accept());
    connection.on('session', (acceptSession) => {
      const session = acceptSession();
      session.on('exec', (acceptExec, _reject, info) => {
        const stream = acceptExec();
        // All at once, in the tick the exec was accepted.
        stream.write(`ran ${info.command}\n`);
        stream.stderr.write('a warning\n');
        stream.exit(info.command.includes('fail') ? 3 : 0);
        stream.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  relay = coalescingRelay((server.address() as AddressInfo).port);
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  port = (relay.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => relay.close(() => resolve()));
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function connected(): Promise<InstanceType<typeof Client>> {
  const client = new Client();
  await new Promise<void>((resolve, reject) => {
    client.once('ready', resolve).once('error', reject);
    client.connect({ host: '127.0.0.1', port, username: 'tester', password: 'any' });
  });
  return client;
}

describe('runRemote', () => {
  it('keeps the exit status of a command that finishes in the same burst as it starts', async () => {
    const client = await connected();
    try {
      // Many in a row: each has to see its own exit, never "closed before it finished".
      for (let attempt = 0; attempt < 25; attempt++) {
        const failing = attempt % 5 === 4;
        const result = await runRemote(client, failing ? ['fail'] : ['true'], { timeoutMs: 10_000 });
        expect(result.code).toBe(failing ? 3 : 0);
        expect(result.stdout).toBe(`ran ${failing ? "'fail'" : "'true'"}\n`);
        expect(result.stderr).toBe('a warning\n');
      }
    } finally {
      client.end();
    }
  });
});
