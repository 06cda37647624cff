import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureDataDir, resolveDataDir } from './data-dir';

describe('resolveDataDir', () => {
  it('uses PROMSTEAD_HOME over every platform rule', () => {
    const env = { PROMSTEAD_HOME: '/srv/promstead', XDG_CONFIG_HOME: '/xdg', APPDATA: 'C:\\AppData' };
    expect(resolveDataDir(env, 'linux', '/home/ada')).toBe('/srv/promstead');
    expect(resolveDataDir(env, 'darwin', '/Users/ada')).toBe('/srv/promstead');
    expect(resolveDataDir({ PROMSTEAD_HOME: 'D:\\state\\promstead' }, 'win32', 'C:\\Users\\ada')).toBe(
      'D:\\state\\promstead',
    );
  });

  it('ignores an empty PROMSTEAD_HOME', () => {
    expect(resolveDataDir({ PROMSTEAD_HOME: '  ' }, 'linux', '/home/ada')).toBe(
      '/home/ada/.config/promstead',
    );
  });

  it('uses XDG_CONFIG_HOME on Linux and other unixes', () => {
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/ada')).toBe('/xdg/promstead');
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'freebsd', '/home/ada')).toBe('/xdg/promstead');
  });

  it('falls back to ~/.config on Linux, ignoring a relative XDG_CONFIG_HOME', () => {
    expect(resolveDataDir({}, 'linux', '/home/ada')).toBe('/home/ada/.config/promstead');
    expect(resolveDataDir({ XDG_CONFIG_HOME: 'relative' }, 'linux', '/home/ada')).toBe(
      '/home/ada/.config/promstead',
    );
  });

  it('uses Application Support on macOS, not XDG', () => {
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'darwin', '/Users/ada')).toBe(
      '/Users/ada/Library/Application Support/Promstead',
    );
  });

  it('uses APPDATA on Windows with backslashes', () => {
    expect(resolveDataDir({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada')).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Promstead',
    );
  });

  it('falls back to the roaming profile on Windows without APPDATA', () => {
    expect(resolveDataDir({}, 'win32', 'C:\\Users\\ada')).toBe('C:\\Users\\ada\\AppData\\Roaming\\Promstead');
  });
});

describe('ensureDataDir', () => {
  let root: string | undefined;
  afterEach(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('creates nested directories readable only by the owner, and is idempotent', async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'promstead-datadir-'));
    const dir = path.join(root, 'a', 'b', 'promstead');
    await ensureDataDir(dir);
    await ensureDataDir(dir);
    const info = await stat(dir);
    expect(info.isDirectory()).toBe(true);
    if (process.platform !== 'win32') expect(info.mode & 0o777).toBe(0o700);
  });
});
