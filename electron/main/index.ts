// The Electron composition root: one instance, the same data folder as the CLI, one
// Engine, one hardened window. Everything with rules in it lives in its own module.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, safeStorage } from 'electron';
import { Engine } from '../services/engine';
import { resolveDataDir } from '../services/store';
import { buildAppMenu } from './app-menu';
import { forwardJobEvents, registerIpcHandlers } from './ipc';
import { SafeStorageCipher } from './safe-storage-cipher';
import {
  enableSandboxForAllRenderers,
  guardWebContents,
  hardenSession,
  hardenedWebPreferences,
  resolveAppLocation,
  type AppLocation,
} from './security';

// The main bundle is ESM, which has no __dirname.
const here = dirname(fileURLToPath(import.meta.url));

function main(): void {
  app.setName('Promstead');
  const dataDir = resolveDataDir();
  // Created first and owner-only: the single-instance lock and Chromium would
  // otherwise create it with the default mode.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Electron's own files (cache, local storage) go with Promstead's, and the
  // instance lock is per data folder, so two PROMSTEAD_HOMEs can run side by side.
  app.setPath('userData', dataDir);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const location = resolveAppLocation({
    isPackaged: app.isPackaged,
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
    rendererFile: join(here, '../renderer/index.html'),
  });
  enableSandboxForAllRenderers();
  guardWebContents(location.url);

  app
    .whenReady()
    .then(() => start(dataDir, location))
    .catch((error: unknown) => {
      dialog.showErrorBox(
        'Promstead could not start',
        error instanceof Error ? error.message : String(error),
      );
      app.exit(1);
    });
}

async function start(dataDir: string, location: AppLocation): Promise<void> {
  hardenSession(location);
  const engine = await Engine.open({
    dataDir,
    transport: 'electron',
    version: app.getVersion(),
    cipher: new SafeStorageCipher(safeStorage),
  });
  const removeHandlers = registerIpcHandlers(engine, location.url);
  const stopJobEvents = forwardJobEvents(engine, location.url);
  Menu.setApplicationMenu(buildAppMenu(app.isPackaged));

  let window = createMainWindow(location);
  const showWindow = (): void => {
    if (window.isDestroyed()) window = createMainWindow(location);
    if (window.isMinimized()) window.restore();
    window.focus();
  };
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quitting waits for the engine to cancel running jobs and write its state.
  let closed = false;
  let closing = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    stopJobEvents();
    removeHandlers();
    engine
      .close()
      .catch((error: unknown) => console.error('Promstead did not close cleanly:', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}

function createMainWindow(location: AppLocation): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Promstead',
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    // Shown once painted, so the user never sees a blank white frame.
    show: false,
    webPreferences: hardenedWebPreferences(join(here, '../preload/index.cjs'), app.isPackaged),
  });
  window.once('ready-to-show', () => window.show());
  const loaded = location.kind === 'file' ? window.loadFile(location.file) : window.loadURL(location.url);
  loaded.catch((error: unknown) => console.error(`Promstead could not load ${location.url}:`, error));
  return window;
}

main();
