// electron-builder cannot download its tools here, so the packaging config is checked
// offline: electron-builder's own loader and schema validation, the security-relevant
// fields, and the afterPack hook flipping fuses in a stand-in Electron binary.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// Not part of app-builder-lib's index, but the same functions `electron-builder` runs
// to load and validate a config before building; they need no network.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Configuration = Awaited<ReturnType<typeof getConfig>>;

interface AfterPackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { executableName: string; appInfo: { productFilename: string } };
}

interface AfterPackModule {
  (context: AfterPackContext): Promise<void>;
  afterPack(context: AfterPackContext): Promise<void>;
  electronBinaryPath(context: AfterPackContext): string;
}

const buildDir = dirname(fileURLToPath(import.meta.url));
const projectDir = join(buildDir, '..');
const require = createRequire(import.meta.url);
const hook = require('./after-pack.cjs') as AfterPackModule;

// The marker @electron/fuses looks for, then wire version 1, length 8, and Electron's
// defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on,
// asar integrity off, asar-only off, V8 snapshot off, file:// privileges on.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const defaultWire = '10110001';

let config: Configuration;

beforeAll(async () => {
  config = await getConfig(projectDir, join(buildDir, 'electron-builder.yml'), null);
});

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('still rejects an unknown option (the validation is real)', async () => {
    const broken = { ...config, linux: { ...config.linux, notAnOption: true } } as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/configuration/i);
  });

  it('names the app and ships only the built bundles, inside an asar', () => {
    expect(config.appId).toBe('io.promstead.app');
    expect(config.productName).toBe('Promstead');
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(false);
    expect(config.publish).toBeNull();
    const patterns = (config.files as Array<{ filter: string[] }>).flatMap((set) => set.filter);
    expect(patterns.sort()).toEqual(['out/**', 'package.json']);
  });

  it('builds AppImage, deb and rpm on Linux, NSIS on Windows, dmg on macOS', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(config.linux?.category).toBe('System;Monitor');
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.mac?.hardenedRuntime).toBe(true);
  });

  it('runs the fuse hook after packing, from this folder', () => {
    expect(config.afterPack).toBe('./build/after-pack.cjs');
    expect(typeof hook.afterPack).toBe('function');
  });
});

describe('after-pack.cjs', () => {
  let outDir: string;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'promstead-after-pack-'));
  });

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('finds the Electron binary on each platform', () => {
    const packager = { executableName: 'promstead', appInfo: { productFilename: 'Promstead' } };
    expect(hook.electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'linux', packager })).toBe(
      join('/o', 'promstead'),
    );
    expect(hook.electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe(
      join('/o', 'Promstead.exe'),
    );
    expect(hook.electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe(
      join('/o', 'Promstead.app'),
    );
  });

  it('flips the security fuses and leaves the others alone', async () => {
    const binary = join(outDir, 'promstead');
    await writeFile(
      binary,
      Buffer.concat([
        Buffer.from('ELF...'),
        Buffer.from(SENTINEL),
        Buffer.from([1, 8]),
        Buffer.from(defaultWire),
        Buffer.from('...'),
      ]),
    );
    await hook({
      appOutDir: outDir,
      electronPlatformName: 'linux',
      packager: { executableName: 'promstead', appInfo: { productFilename: 'Promstead' } },
    });
    const bytes = await readFile(binary);
    const start = bytes.indexOf(SENTINEL) + SENTINEL.length + 2;
    const wire = bytes.subarray(start, start + 8).toString('latin1');
    // RunAsNode off, cookies encrypted, NODE_OPTIONS off, --inspect off, asar integrity
    // on, asar only on; the V8 snapshot and file:// privileges keep their defaults.
    expect(wire).toBe('01001101');
  });
});
