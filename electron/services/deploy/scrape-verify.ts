// Verifies a deployed exporter by scraping /metrics: straight from this machine when the
// host's port is reachable, else through the SSH connection (ssh2 forwardOut to the
// host's 127.0.0.1), and checks the catalog's proof metrics and the exporter's up gauge.
import { request } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  type ApplyPhase,
  errorText,
  type ExporterId,
  PromsteadError,
  type Verification,
} from '@shared/contract';
import type { PhasedJob } from '../jobs';
import { asSocketLike, openTcpThrough, type SshHost } from '../ssh';
import { missingMetrics, parseExposition, pickSamples, upSamples } from './exposition';

export interface ScrapeTarget {
  exporter: ExporterId;
  /** The host's address as this machine reaches it. */
  address: string;
  port: number;
  proofMetrics: string[];
}

export interface VerifyOptions {
  /** Scrapes at most this many times (an exporter needs a moment after it starts). Default 40. */
  attempts?: number;
  /** And for at most this long. Default 30 s. */
  timeoutMs?: number;
  intervalMs?: number;
  signal?: AbortSignal;
}

interface Answer {
  status: number;
  body: string;
}

const maxBodyBytes = 16 * 1024 * 1024;

function readBody(
  stream: NodeJS.ReadableStream,
  onDone: (body: string) => void,
  onError: (error: Error) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= maxBodyBytes) chunks.push(chunk);
  });
  stream.on('end', () => onDone(Buffer.concat(chunks).toString('utf8')));
  stream.on('error', onError);
}

/** One GET over a stream already connected to the exporter. */
function getOver(stream: Duplex, port: number, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = asSocketLike(stream);
    const req = request(
      // No agent: with one (even `agent: false`) Node ignores createConnection and dials itself.
      { host: '127.0.0.1', port, path: '/metrics', createConnection: () => socket as unknown as Socket },
      (response) => readBody(response, (body) => resolve({ status: response.statusCode ?? 0, body }), reject),
    );
    const timer = setTimeout(() => req.destroy(new Error('timed out')), timeoutMs);
    req.on('error', reject);
    req.on('close', () => clearTimeout(timer));
    req.end();
  });
}

async function scrapeDirect(url: string, timeoutMs: number): Promise<Answer> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  return { status: response.status, body: (await response.text()).slice(0, maxBodyBytes) };
}

function judge(
  target: ScrapeTarget,
  url: string,
  answer: Answer | undefined,
  failure?: string,
): Verification {
  if (!answer) {
    return {
      exporter: target.exporter,
      ok: false,
      url,
      missingMetrics: target.proofMetrics,
      samples: [],
      message: `Nothing answered on port ${target.port}${failure ? ` (${failure})` : ''}.`,
    };
  }
  const samples = parseExposition(answer.body);
  const missing = answer.status === 200 ? missingMetrics(samples, target.proofMetrics) : target.proofMetrics;
  const down = upSamples(samples).filter((sample) => Number(sample.value) !== 1);
  const problems = [
    ...(answer.status === 200 ? [] : [`/metrics answered HTTP ${answer.status}`]),
    ...(missing.length > 0 ? [`missing ${missing.join(', ')}`] : []),
    ...down.map((sample) => `${sample.name} is ${sample.value}: the exporter cannot reach what it watches`),
  ];
  return {
    exporter: target.exporter,
    ok: problems.length === 0,
    url,
    missingMetrics: missing,
    samples: pickSamples(samples, target.proofMetrics),
    ...(problems.length > 0 ? { message: `${problems.join('; ')}.` } : {}),
  };
}

/** Scrapes until the proof holds or the attempts run out; the last answer is judged. */
export async function verifyScrape(
  /** The SSH connection to fall back on; a Docker endpoint has none and is scraped directly. */
  ssh: SshHost | undefined,
  target: ScrapeTarget,
  options: VerifyOptions = {},
): Promise<Verification> {
  const attempts = options.attempts ?? 40;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const directUrl = `http://${target.address.includes(':') ? `[${target.address}]` : target.address}:${target.port}/metrics`;
  let route: 'direct' | 'ssh' = 'direct';
  let verification = judge(target, directUrl, undefined);
  for (let attempt = 0; attempt < attempts && Date.now() < deadline; attempt++) {
    if (options.signal?.aborted) throw new PromsteadError('CANCELLED', 'Verification was cancelled.');
    let answer: Answer | undefined;
    let failure: string | undefined;
    try {
      answer = await scrapeDirect(directUrl, 3000);
      route = 'direct';
    } catch (error) {
      failure = errorText(error);
      if (ssh)
        try {
          const stream = await openTcpThrough(await ssh.connection(options.signal), target.port);
          answer = await getOver(stream, target.port, 5000);
          route = 'ssh';
        } catch (sshFailure) {
          failure = `${failure}; through SSH: ${errorText(sshFailure)}`;
        }
    }
    const url = route === 'ssh' ? `http://127.0.0.1:${target.port}/metrics (through SSH)` : directUrl;
    verification = judge(target, url, answer, failure);
    if (verification.ok && route === 'ssh') {
      // The direct scrape may only have lost a race with the exporter starting to listen:
      // one more try tells whether Prometheus, which scrapes directly, will reach it.
      const direct = await scrapeDirect(directUrl, 3000).catch(() => undefined);
      const directVerification = direct && judge(target, directUrl, direct);
      return directVerification?.ok ? directVerification : verification;
    }
    if (verification.ok) return verification;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 750));
  }
  return verification;
}

/**
 * Scrapes each deployed exporter in turn for its proof metrics, with progress; the first
 * that does not verify fails the apply (VERIFICATION_FAILED), which then rolls back.
 */
export async function verifyDeployed(
  ssh: SshHost | undefined,
  address: string,
  deployed: readonly { exporter: ExporterId; port: number; proofMetrics: string[] }[],
  job: PhasedJob<ApplyPhase>,
  options: VerifyOptions = {},
): Promise<Verification[]> {
  const verifications: Verification[] = [];
  for (const [index, entry] of deployed.entries()) {
    job.progress('verify', index, deployed.length, `Scraping ${entry.exporter}`);
    const verification = await verifyScrape(
      ssh,
      { exporter: entry.exporter, address, port: entry.port, proofMetrics: entry.proofMetrics },
      { ...options, signal: job.signal },
    );
    verifications.push(verification);
    if (!verification.ok) {
      throw new PromsteadError(
        'VERIFICATION_FAILED',
        `${entry.exporter} did not verify at ${verification.url}: ${verification.message ?? 'no answer'}`,
        { verification },
      );
    }
  }
  job.progress('verify', deployed.length, deployed.length, 'Verified');
  return verifications;
}
