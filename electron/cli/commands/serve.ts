// `promstead serve`: browser mode on 127.0.0.1 with a per-run token, until Ctrl-C.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Engine } from '../../services/engine';
import { findExecutable } from '../../services/diagnostics';
import { isLoopbackAddress, startBrowserServer } from '../../server';
import { printJson, printLine, type Output } from '../output';
import { UsageError } from '../usage-error';

export interface ServeOptions {
  host: string;
  port: number;
  allowRemote: boolean;
  open: boolean;
  packageRoot: string;
}

export async function serveCommand(engine: Engine, out: Output, options: ServeOptions): Promise<number> {
  if (!isLoopbackAddress(options.host) && !options.allowRemote) {
    throw new UsageError(
      `Binding to ${options.host} exposes Promstead beyond this machine; add --allow-remote if you mean it.`,
    );
  }
  const server = await startBrowserServer({
    engine,
    host: options.host,
    port: options.port,
    staticDir: join(options.packageRoot, 'out', 'renderer'),
  });
  if (!isLoopbackAddress(options.host)) {
    out.stderr.write(
      `WARNING: listening on ${options.host}: anyone on the network who gets the token can drive Promstead.\n`,
    );
  }
  if (out.json)
    printJson(out, { url: server.url, origin: server.origin, port: server.port, dataDir: engine.dataDir });
  else {
    printLine(out, `Promstead is running in browser mode. Open:\n  ${server.url}`);
    printLine(out, 'Press Ctrl-C to stop.');
  }
  if (options.open) await openInBrowser(server.url);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}

/** Opens the URL with the desktop's opener when there is one; quietly does nothing otherwise. */
async function openInBrowser(url: string): Promise<void> {
  const opener =
    process.platform === 'darwin'
      ? 'open'
      : process.platform === 'win32'
        ? 'explorer.exe'
        : await findExecutable('xdg-open');
  if (!opener) return;
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true, shell: false });
  child.on('error', () => undefined);
  child.unref();
}
