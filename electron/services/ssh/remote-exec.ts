// Runs one command on an open SSH connection: bounded output, stdin then EOF, and
// cancellation that signals the remote process group before closing the channel.
import type { Client, ClientChannel } from 'ssh2';
import { PromsteadError } from '@shared/contract';
import { buildRemoteCommand } from './remote-command';
import { sshError } from './ssh-errors';
import type { ExecOptions, ExecResult } from './ssh-types';

export const defaultMaxOutputBytes = 4 * 1024 * 1024;

/** Collects a stream's bytes up to a bound; reports when the bound is passed. */
class BoundedBuffer {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}

  /** False once the stream passed the bound (the excess is dropped). */
  add(chunk: Buffer): boolean {
    if (this.size + chunk.length > this.limit) {
      this.chunks.push(chunk.subarray(0, this.limit - this.size));
      this.size = this.limit;
      return false;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
    return true;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

const closeGraceMs = 5000;

/** What ssh2 keeps on a channel; its own signal() refuses once stdin has ended. */
interface ChannelInternals {
  outgoing?: { id?: number; state?: string };
  _client?: { _protocol?: { signal?: (channelId: number, signalName: string) => void } };
}

/**
 * Sends the SSH "signal" request, which sshd turns into killpg on the session. ssh2's
 * channel.signal() is skipped after our EOF on stdin (state 'eof'), though the
 * protocol allows requests on a half-closed channel: send it through the protocol.
 */
function signalProcessGroup(channel: ClientChannel, signalName: string): void {
  const internals = channel as unknown as ChannelInternals;
  const id = internals.outgoing?.id;
  const protocol = internals._client?._protocol;
  try {
    if (
      id !== undefined &&
      (internals.outgoing?.state === 'open' || internals.outgoing?.state === 'eof') &&
      protocol?.signal
    )
      protocol.signal(id, signalName);
    else channel.signal(signalName);
  } catch {
    // The channel is already closing: nothing left to signal.
  }
}

interface OpenedChannel {
  channel: ClientChannel;
  /** The exit status, when it came before the caller could listen (see openChannel). */
  earlyExit: () => { code: number | null; signal: string | null } | undefined;
}

/**
 * ssh2 parses every packet of a TCP read synchronously: a quick command's exit-status can
 * be emitted in the same tick as the exec callback, before a listener attached after an
 * `await` exists. The exit is recorded here, inside the callback, so it is never missed.
 */
function openChannel(client: Client, commandLine: string): Promise<OpenedChannel> {
  return new Promise((resolve, reject) => {
    client.exec(commandLine, (error, channel) => {
      if (error)
        return reject(sshError('SSH_UNREACHABLE', `The host refused to run a command: ${error.message}`));
      let exit: { code: number | null; signal: string | null } | undefined;
      channel.once('exit', (code: number | null, exitSignal?: string) => {
        exit = { code: typeof code === 'number' ? code : null, signal: exitSignal ?? null };
      });
      resolve({ channel, earlyExit: () => exit });
    });
  });
}

/**
 * Runs argv (each word quoted) and resolves when the channel closes. Aborting, a
 * timeout or too much output sends TERM to the remote process group (sshd's killpg,
 * OpenSSH 7.9+) and closes the channel; the promise then rejects.
 */
export async function runRemote(
  client: Client,
  argv: readonly string[],
  options: ExecOptions = {},
): Promise<ExecResult> {
  const { commandLine, stdinPrefix } = buildRemoteCommand(argv, options.sudo);
  const { signal } = options;
  if (signal?.aborted) throw new PromsteadError('CANCELLED', 'The remote command was cancelled.');
  const { channel, earlyExit } = await openChannel(client, commandLine);
  const limit = options.maxOutputBytes ?? defaultMaxOutputBytes;
  const stdout = new BoundedBuffer(limit);
  const stderr = new BoundedBuffer(limit);

  return new Promise<ExecResult>((resolve, reject) => {
    let stopped: PromsteadError | undefined;
    let exit = earlyExit();
    let timer: NodeJS.Timeout | undefined;

    let grace: NodeJS.Timeout | undefined;
    const finish = (): void => {
      clearTimeout(timer);
      clearTimeout(grace);
      signal?.removeEventListener('abort', onAbort);
    };
    const stop = (reason: PromsteadError): void => {
      if (stopped) return;
      stopped = reason;
      if (!exit) signalProcessGroup(channel, 'TERM');
      channel.close();
      // A server without "signal" support (before OpenSSH 7.9) closes the channel only
      // when the command ends: do not wait for that.
      grace = setTimeout(() => {
        finish();
        reject(reason);
      }, closeGraceMs);
    };
    const onAbort = (): void => stop(new PromsteadError('CANCELLED', 'The remote command was cancelled.'));
    const tooLarge = (stream: string): void =>
      stop(
        sshError(
          'OUTPUT_TOO_LARGE',
          `The remote command wrote more than ${limit} bytes on ${stream}; it was stopped.`,
          {
            limit,
          },
        ),
      );

    signal?.addEventListener('abort', onAbort, { once: true });
    if (options.timeoutMs !== undefined) {
      timer = setTimeout(
        () =>
          stop(
            new PromsteadError(
              'TIMEOUT',
              `The remote command did not finish within ${options.timeoutMs} ms.`,
            ),
          ),
        options.timeoutMs,
      );
    }
    channel.on('data', (chunk: Buffer) => {
      if (!stdout.add(chunk)) tooLarge('stdout');
    });
    channel.stderr.on('data', (chunk: Buffer) => {
      if (!stderr.add(chunk)) tooLarge('stderr');
    });
    channel.on('exit', (code: number | null, exitSignal?: string) => {
      exit = { code: typeof code === 'number' ? code : null, signal: exitSignal ?? null };
    });
    channel.once('close', () => {
      finish();
      if (stopped) return reject(stopped);
      exit ??= earlyExit();
      if (!exit)
        return reject(
          sshError('SSH_UNREACHABLE', 'The SSH connection closed before the remote command finished.', {
            cause: 'closed',
          }),
        );
      resolve({ ...exit, stdout: stdout.text(), stderr: stderr.text() });
    });
    // The sudo password goes first, then the caller's stdin; EOF either way, so a
    // command reading stdin does not wait for ever.
    if (stdinPrefix !== undefined) channel.write(stdinPrefix);
    if (options.stdin !== undefined) channel.end(options.stdin);
    else channel.end();
  });
}
