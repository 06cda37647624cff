// Serves the built renderer from one folder; nothing outside it can be named.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Maps a URL path to a file under root, or undefined when it would leave root. */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const absoluteRoot = resolve(root);
  const candidate = resolve(absoluteRoot, `.${normalize(`/${decoded}`)}`);
  return candidate === absoluteRoot || candidate.startsWith(absoluteRoot + sep) ? candidate : undefined;
}

export async function sendStatic(
  root: string,
  urlPath: string,
  res: ServerResponse,
  headers: Record<string, string>,
): Promise<boolean> {
  const wanted = urlPath === '/' ? '/index.html' : urlPath;
  let file = resolveStaticPath(root, wanted);
  if (!file) return false;
  let info = await stat(file).catch(() => undefined);
  if (!info?.isFile() && !extname(wanted)) {
    // A client-side route: serve the app shell.
    file = join(resolve(root), 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (!info?.isFile()) return false;
  res.writeHead(200, {
    ...headers,
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'content-length': String(info.size),
    'cache-control': extname(file) === '.html' ? 'no-store' : 'public, max-age=3600',
  });
  createReadStream(file).pipe(res);
  return true;
}
