// The whole Electron security baseline in one place: sandboxed, isolated windows,
// no navigation or new windows, no webviews, every permission denied, a strict CSP.
// The rules themselves are pure and tested in security-policy.ts.
import { app, session, shell, type Session, type WebContents } from 'electron';
import {
  isAllowedNavigation,
  shouldOpenExternally,
  withCspHeader,
  type AppLocation,
} from './security-policy';

export { hardenedWebPreferences, resolveAppLocation, type AppLocation } from './security-policy';

/** Must run before `ready`: forces the sandbox on every renderer, whatever its options say. */
export function enableSandboxForAllRenderers(): void {
  app.enableSandbox();
}

/** Guards every web contents the app will ever create. Call before the first window. */
export function guardWebContents(appUrl: string): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents, appUrl));
}

/** Denies permissions and adds the CSP on a session. Needs the app to be ready. */
export function hardenSession(location: AppLocation, ses: Session = session.defaultSession): void {
  const cspMode = location.kind === 'dev-server' ? 'dev-server' : 'production';
  // Promstead needs no camera, notifications, geolocation, HID, serial or USB.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Every response gets the policy: the app's pages are the only ones that can load,
  // and a worker or frame inherits nothing looser by accident.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, cspMode) });
  });
}

function guardContents(contents: WebContents, appUrl: string): void {
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url, appUrl)) return;
    event.preventDefault();
    openExternally(event.url);
  });
  // will-navigate covers only the main frame; no frame may leave the app either.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAllowedNavigation(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, appUrl)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function openExternally(url: string): void {
  if (!shouldOpenExternally(url)) return;
  shell.openExternal(url).catch((error: unknown) => {
    console.warn(`Promstead could not open ${url} in the browser: ${String(error)}`);
  });
}
