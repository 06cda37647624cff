// The desktop app itself: the built bundle launched in Electron with a fresh data
// folder per test. Skips itself where the Electron binary could not be installed.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { operationNames, splitOperationName } from '@shared/contract';

const root = join(import.meta.dirname, '..', '..');

/**
 * The Electron executable if it is on disk. `require('electron')` would start a
 * download when it is not, which fails (slowly) on machines without network access.
 */
function electronBinary(): string | undefined {
  const packageDir = join(root, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (!relative && !override) return undefined;
  const binary = join(override || join(packageDir, 'dist'), relative || 'electron');
  return existsSync(binary) ? binary : undefined;
}

const executablePath = electronBinary();
const skipReason =
  'Electron binary not installed on this machine (it cannot be downloaded here): skipping the Electron suite';
test.skip(executablePath === undefined, skipReason);

/** What window.api must look like: the contract's namespaces and methods, plus onJobEvent. */
function expectedApiShape(): Record<string, string[] | 'function'> {
  const shape: Record<string, string[] | 'function'> = { onJobEvent: 'function' };
  for (const name of operationNames) {
    const [namespace, method] = splitOperationName(name);
    const methods = shape[namespace];
    shape[namespace] = [...(Array.isArray(methods) ? methods : []), method].sort();
  }
  return shape;
}

let home: string;
let app: ElectronApplication;
let page: Page;

test.beforeEach(async () => {
  if (
    !existsSync(join(root, 'out', 'main', 'index.js')) ||
    !existsSync(join(root, 'out', 'preload', 'index.cjs'))
  ) {
    throw new Error('The Electron bundles are missing: run `npm run build` first.');
  }
  home = mkdtempSync(join(tmpdir(), 'promstead-electron-e2e-'));
  const { ELECTRON_RUN_AS_NODE: _runAsNode, ELECTRON_RENDERER_URL: _devServer, ...env } = process.env;
  app = await electron.launch({
    executablePath,
    // The project folder, like `electron .`: package.json's main is out/main/index.js,
    // and the app gets its own name and version from package.json.
    args: [root],
    cwd: root,
    env: { ...env, PROMSTEAD_HOME: home },
  });
  page = await app.firstWindow();
});

test.afterEach(async () => {
  await app?.close();
  rmSync(home, { recursive: true, force: true });
});

test('opens one window titled Promstead', async () => {
  await expect(page).toHaveTitle('Promstead');
  expect(app.windows()).toHaveLength(1);
});

test('exposes exactly window.api to the page, and no Node', async () => {
  const shape = await page.evaluate(() => {
    // The spec is type-checked without the DOM library; in the page, globalThis is window.
    const api = (globalThis as unknown as { api: Record<string, unknown> }).api;
    return Object.fromEntries(
      Object.entries(api).map(([key, value]) => [
        key,
        typeof value === 'function' ? 'function' : Object.keys(value as object).sort(),
      ]),
    );
  });
  expect(shape).toEqual(expectedApiShape());

  const globals = await page.evaluate(() => ({
    require: typeof (globalThis as Record<string, unknown>).require,
    process: typeof (globalThis as Record<string, unknown>).process,
    module: typeof (globalThis as Record<string, unknown>).module,
    ipcRenderer: typeof (globalThis as Record<string, unknown>).ipcRenderer,
  }));
  expect(globals).toEqual({
    require: 'undefined',
    process: 'undefined',
    module: 'undefined',
    ipcRenderer: 'undefined',
  });
});

test('refuses to open new windows', async () => {
  // http, not https: a denied https link would be handed to the system browser.
  const opened = await page.evaluate(
    () => (globalThis as unknown as { open(url: string): unknown }).open('http://example.invalid/') !== null,
  );
  expect(opened).toBe(false);
  expect(app.windows()).toHaveLength(1);
});

test('shows the data folder from app.info on the About page', async () => {
  await page.getByTestId('nav-about').click();
  await expect(page.getByTestId('about-data-dir')).toHaveText(home);
});
