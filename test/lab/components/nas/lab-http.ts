// Small HTTP GETs the NAS components check their daemons with: over a unix socket
// from the machine, or with curl from inside a lab namespace (the root namespace
// cannot reach lab addresses: the guard route refuses them).
import { request } from 'node:http';
import { run } from '../../core/command';

export interface HttpAnswer {
  status: number;
  body: string;
}

export function getOverUnixSocket(socketPath: string, path: string, timeoutMs = 2000): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method: 'GET', timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    req.on('timeout', () =>
      req.destroy(new Error(`GET ${path} on ${socketPath} timed out after ${timeoutMs} ms`)),
    );
    req.on('error', reject);
    req.end();
  });
}

/** Status 0 means no answer (refused, timed out). */
export async function getFromNamespace(netns: string, url: string, timeoutMs = 3000): Promise<HttpAnswer> {
  const marker = '\n--status--';
  const result = await run(
    'curl',
    ['-sS', '--noproxy', '*', '--max-time', String(timeoutMs / 1000), '-w', `${marker}%{http_code}`, url],
    { netns, allowFailure: true, timeoutMs: timeoutMs + 2000 },
  );
  const at = result.stdout.lastIndexOf(marker);
  if (at < 0) return { status: 0, body: result.stderr };
  return { status: Number(result.stdout.slice(at + marker.length)) || 0, body: result.stdout.slice(0, at) };
}
