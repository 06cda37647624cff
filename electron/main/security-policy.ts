// The rules behind the Electron security baseline, as pure functions: which page is
// the app, where it may navigate, which frames may call the engine, the CSP and the
// window preferences. No electron import, so every rule is unit-tested in plain Node.
import { pathToFileURL } from 'node:url';

/** Where the renderer is loaded from: the built file, or the dev server in development. */
export type AppLocation = { kind: 'file'; url: string; file: string } | { kind: 'dev-server'; url: string };

export interface AppLocationOptions {
  isPackaged: boolean;
  /** ELECTRON_RENDERER_URL, set by `electron-vite dev`. */
  devServerUrl: string | undefined;
  /** Absolute path of out/renderer/index.html. */
  rendererFile: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A packaged app always loads its own file: an environment variable must never be
 * able to point a window that holds `window.api` at someone else's server. In
 * development only a loopback dev server is accepted.
 */
export function resolveAppLocation(options: AppLocationOptions): AppLocation {
  const fileLocation: AppLocation = {
    kind: 'file',
    url: pathToFileURL(options.rendererFile).href,
    file: options.rendererFile,
  };
  if (options.isPackaged || !options.devServerUrl) return fileLocation;
  const devServer = parseUrl(options.devServerUrl);
  if (!devServer || !isLoopbackHttp(devServer)) return fileLocation;
  return { kind: 'dev-server', url: devServer.href };
}

/**
 * Whether `candidate` is the app's own page. For a file URL that means the very same
 * file (query and hash may differ: the router lives in the hash); for the dev server,
 * the same origin.
 */
export function isAppPage(candidate: string, appUrl: string): boolean {
  const page = parseUrl(candidate);
  const app = parseUrl(appUrl);
  if (!page || !app || page.username || page.password) return false;
  if (app.protocol === 'file:') {
    if (page.protocol !== 'file:' || page.host !== app.host) return false;
    const pagePath = decodedPath(page);
    const appPath = decodedPath(app);
    if (pagePath === undefined || appPath === undefined) return false;
    // Windows paths are case-insensitive and Chromium may change the drive letter's case.
    return isWindowsDrivePath(appPath)
      ? pagePath.toLowerCase() === appPath.toLowerCase()
      : pagePath === appPath;
  }
  return (app.protocol === 'http:' || app.protocol === 'https:') && page.origin === app.origin;
}

/** Main-frame navigation is allowed only to the app's own page. */
export function isAllowedNavigation(url: string, appUrl: string): boolean {
  return isAppPage(url, appUrl);
}

/**
 * Links leave the app only as https URLs to the system browser. Anything else
 * (file:, javascript:, custom schemes that start local programs) is dropped.
 */
export function shouldOpenExternally(url: string): boolean {
  const parsed = parseUrl(url);
  // Credentials in a link are a classic way to disguise its real host.
  return (
    parsed !== undefined &&
    parsed.protocol === 'https:' &&
    parsed.hostname !== '' &&
    !parsed.username &&
    !parsed.password
  );
}

/** The parts of Electron's WebFrameMain the sender check needs. */
export interface SenderFrame {
  url: string;
  /** null for a top-level frame. */
  parent: unknown;
}

/**
 * An IPC call is served only when it comes from the top-level frame of the app's
 * own page: not from an iframe, and not from a page the window was somehow sent to.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, appUrl: string): boolean {
  if (!frame || frame.parent !== null) return false;
  return isAppPage(frame.url, appUrl);
}

const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
] as const;

/** 'dev-server' only while `electron-vite dev` serves the renderer. */
export type CspMode = 'production' | 'dev-server';

/**
 * The Content-Security-Policy the app's pages are served with. The dev server injects
 * CSS as inline <style> tags, so only there are inline styles allowed (as the
 * renderer's dev-only meta policy does); scripts stay 'self' in both modes.
 */
export function cspHeader(mode: CspMode = 'production'): string {
  const directives: string[] = [...CSP_DIRECTIVES];
  if (mode === 'dev-server') {
    return directives
      .map((directive) => (directive === "style-src 'self'" ? `${directive} 'unsafe-inline'` : directive))
      .join('; ');
  }
  return directives.join('; ');
}

export type ResponseHeaders = Record<string, string | string[]>;

/**
 * Adds our policy next to any policy a response already carries. A browser enforces
 * every policy it is given, so adding can only make a page stricter.
 */
export function withCspHeader(
  headers: ResponseHeaders | undefined,
  mode: CspMode = 'production',
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  const existing: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    if (name.toLowerCase() === 'content-security-policy') existing.push(...values);
    else result[name] = values;
  }
  result['Content-Security-Policy'] = [...existing, cspHeader(mode)];
  return result;
}

/** The webPreferences of every Promstead window, written out so nothing relies on a default. */
export interface HardenedWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webviewTag: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  safeDialogs: true;
  spellcheck: false;
  devTools: boolean;
}

export function hardenedWebPreferences(preloadPath: string, isPackaged: boolean): HardenedWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    // A file dropped on the window would otherwise replace the app with that file.
    navigateOnDragDrop: false,
    safeDialogs: true,
    // The spellchecker downloads dictionaries from Google.
    spellcheck: false,
    devTools: !isPackaged,
  };
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function isLoopbackHttp(url: URL): boolean {
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    LOOPBACK_HOSTS.has(url.hostname) &&
    !url.username &&
    !url.password
  );
}

/**
 * Chromium and Node may percent-encode a path differently; compare what they mean.
 * An encoded separator or NUL could make two different files decode alike: refuse.
 */
function decodedPath(url: URL): string | undefined {
  if (/%(2f|5c|00)/i.test(url.pathname)) return undefined;
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
}

function isWindowsDrivePath(path: string): boolean {
  return /^\/[A-Za-z]:\//.test(path);
}
