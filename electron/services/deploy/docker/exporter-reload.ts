// Makes a running exporter re-read its config files (POST /-/reload) and checks that it
// took them: straight to the host's port, else through the SSH connection as the scrape
// verification does. A rejected config is an error that quotes the exporter's answer.
import { request, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { errorText, type ExporterId, PromsteadError } from '@shared/contract';
import type { ReloadCapability } from '../../exporters';
import type { SshHost } from '../../ssh';
import { asSocketLike, openTcpThrough } from '../../ssh';
import { parseExposition } from '../exposition';

export interface ReloadTarget {
  exporter: ExporterId;
  /** The exporter's name for messages ("Prometheus"). */
  name: string;
  /** The host's address as this machine reaches it. */
  address: string;
  port: number;
  reload: ReloadCapability<unknown>;
}

/** Opens a TCP stream to the host's own 127.0.0.1:port (through SSH). */
export type StreamOpener = (port: number, signal?: AbortSignal) => Promise<Duplex>;

export interface ReloadOptions {
  /** For the reload itself: a large Prometheus config takes a while. Default 30 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ReloadOutcome {
  /** Where the reload was sent, e.g. `http://10.0.0.5:9090/-/reload` or `… (through SSH)`. */
  url: string;
}

interface Answer {
  status: number;
  body: string;
}

/** An answer's body as quoted in an error: the exporter's own words, bounded. */
const quotedBytes = 2000;
const maxBodyBytes = 16 * 1024 * 1024;

export function sshStreams(ssh: SshHost): StreamOpener {
  return async (port, signal) => openTcpThrough(await ssh.connection(signal), port);
}

function readAnswer(response: IncomingMessage): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    response.on('end', () =>
      resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
    );
    response.on('error', reject);
  });
}

/** One HTTP request, to address:port or over a stream already connected to the exporter. */
function exchange(
  where: { address: string; port: number; stream?: Duplex },
  method: 'GET' | 'POST',
  path: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const { stream } = where;
    const req = request(
      {
        host: stream ? '127.0.0.1' : where.address,
        port: where.port,
        method,
        path,
        // No agent with a stream: with one, Node ignores createConnection and dials itself.
        ...(stream
          ? { createConnection: () => asSocketLike(stream) as unknown as Socket }
          : { agent: false }),
        ...(signal ? { signal } : {}),
      },
      (response) => readAnswer(response).then(resolve, reject),
    );
    const timer = setTimeout(
      () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    req.on('error', reject);
    req.on('close', () => clearTimeout(timer));
    req.end();
  });
}

function quoted(body: string): string {
  const text = body.trim().replace(/\s+/g, ' ');
  return text.length > quotedBytes ? `${text.slice(0, quotedBytes)}…` : text || '(an empty body)';
}

/**
 * POSTs the reload, then reads the success gauge the catalog names over the same route.
 * Throws VERIFICATION_FAILED saying what the exporter answered when it did not take the
 * files (it keeps its previous config in memory then); CANCELLED when the signal aborts.
 */
export async function reloadExporter(
  target: ReloadTarget,
  /** The SSH route to fall back on; a host without SSH is reached directly only. */
  through: StreamOpener | undefined,
  options: ReloadOptions = {},
): Promise<ReloadOutcome> {
  const { reload } = target;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const host = target.address.includes(':') ? `[${target.address}]` : target.address;
  const directUrl = `http://${host}:${target.port}${reload.path}`;
  const throughUrl = `http://127.0.0.1:${target.port}${reload.path} (through SSH)`;

  // The route that answered is kept for the gauge: it is the one that reaches the exporter.
  const route = { viaSsh: false };
  const overSsh = async (method: 'GET' | 'POST', path: string): Promise<Answer> => {
    if (!through) throw new Error('the host has no SSH connection');
    const stream = await through(target.port, options.signal);
    return exchange({ ...target, stream }, method, path, timeoutMs, options.signal);
  };
  const send = async (method: 'GET' | 'POST', path: string): Promise<Answer> => {
    if (route.viaSsh) return overSsh(method, path);
    try {
      return await exchange(target, method, path, timeoutMs, options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw new PromsteadError('CANCELLED', 'The reload was cancelled.');
      if (!through) throw error;
      try {
        const answer = await overSsh(method, path);
        route.viaSsh = true;
        return answer;
      } catch (sshError) {
        throw new Error(`${errorText(error)}; through SSH: ${errorText(sshError)}`);
      }
    }
  };

  let answer: Answer;
  try {
    answer = await send(reload.method, reload.path);
  } catch (error) {
    if (error instanceof PromsteadError) throw error;
    throw new PromsteadError(
      'VERIFICATION_FAILED',
      `${target.name} could not be asked to reload (${reload.method} ${directUrl}): ${errorText(error)}.`,
    );
  }
  const url = route.viaSsh ? throughUrl : directUrl;
  if (answer.status < 200 || answer.status > 299) {
    throw new PromsteadError(
      'VERIFICATION_FAILED',
      `${target.name} did not take the new configuration: ${reload.method} ${url} answered HTTP ${answer.status}: ${quoted(answer.body)}`,
      { url, status: answer.status },
    );
  }
  if (reload.successGauge) {
    const gauge = reload.successGauge;
    let metrics: Answer;
    try {
      metrics = await send('GET', '/metrics');
    } catch (error) {
      if (error instanceof PromsteadError) throw error;
      throw new PromsteadError(
        'VERIFICATION_FAILED',
        `${target.name} answered the reload but not /metrics afterwards: ${errorText(error)}.`,
      );
    }
    const value = parseExposition(metrics.body).find((sample) => sample.name === gauge)?.value;
    if (metrics.status !== 200 || value === undefined || Number(value) !== 1) {
      throw new PromsteadError(
        'VERIFICATION_FAILED',
        metrics.status !== 200
          ? `${target.name} answered the reload, then /metrics answered HTTP ${metrics.status}: ${quoted(metrics.body)}`
          : `${target.name} answered the reload, but ${gauge} is ${value ?? 'missing'} (1 means the new configuration loaded).`,
        { url, gauge, value: value ?? null },
      );
    }
  }
  return { url };
}
