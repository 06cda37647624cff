// Is an SSH agent present, and does it hold keys? Asks the agent for its identities
// over SSH_AUTH_SOCK (SSH2_AGENTC_REQUEST_IDENTITIES), which reveals no key material.
import { connect } from 'node:net';
import type { Capability } from '@shared/contract';

const REQUEST_IDENTITIES = 11;
const IDENTITIES_ANSWER = 12;

export function countAgentIdentities(
  socketPath: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect({ path: socketPath, signal });
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    socket.on('connect', () => socket.write(Buffer.from([0, 0, 0, 1, REQUEST_IDENTITIES])));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 9) return;
      clearTimeout(timer);
      socket.destroy();
      if (received[4] !== IDENTITIES_ANSWER)
        return reject(new Error(`unexpected agent reply type ${received[4]}`));
      resolve(received.readUInt32BE(5));
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      reject(new Error('the agent closed the connection'));
    });
  });
}

export async function checkSshAgent(
  env: NodeJS.ProcessEnv = process.env,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<Capability> {
  const socketPath = env.SSH_AUTH_SOCK;
  if (!socketPath) {
    return {
      status: 'missing',
      detail: 'No SSH agent (SSH_AUTH_SOCK is not set). Hosts can still use a key file or a password.',
    };
  }
  try {
    const keys = await countAgentIdentities(socketPath, options.timeoutMs ?? 2000, options.signal);
    if (keys === 0)
      return { status: 'warn', detail: `SSH agent at ${socketPath} holds no keys: add one with ssh-add.` };
    return { status: 'ok', detail: `SSH agent at ${socketPath} holds ${keys} key${keys === 1 ? '' : 's'}.` };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason as Error;
    return {
      status: 'missing',
      detail: `SSH_AUTH_SOCK points to ${socketPath}, but no agent answers there: ${(error as Error).message}.`,
    };
  }
}
