import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from './engine';
import { FileLogger } from './log/file-logger';

describe('Engine', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'promstead-engine-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('persists settings across a restart', async () => {
    const first = await Engine.open({ dataDir: dir, transport: 'cli', version: '1.2.3' });
    const updated = await first.invoke(
      'settings.update',
      { scan: { timeoutMs: 2500 }, theme: 'dark' },
      'test',
    );
    expect(updated).toMatchObject({
      ok: true,
      data: { theme: 'dark', scan: { timeoutMs: 2500, retries: 1 } },
    });
    await first.close();
    const second = await Engine.open({ dataDir: dir, transport: 'cli', version: '1.2.3' });
    expect(await second.invoke('settings.get', {}, 'test')).toMatchObject({
      ok: true,
      data: { theme: 'dark', scan: { timeoutMs: 2500 } },
    });
    await second.close();
  });

  it('moves a corrupt settings file aside, tells the user in app.info, and keeps the last good copy', async () => {
    const first = await Engine.open({ dataDir: dir, transport: 'cli', version: '1' });
    await first.invoke('settings.update', { theme: 'light' }, 'test');
    await first.invoke('settings.update', { theme: 'dark' }, 'test');
    await first.close();
    await writeFile(join(dir, 'settings.json'), '{"version":1,"data":{"theme":');
    const second = await Engine.open({ dataDir: dir, transport: 'cli', version: '1' });
    const info = await second.invoke('app.info', {}, 'test');
    expect(info.ok && (info.data as { notices: { file: string; movedTo?: string }[] }).notices).toEqual([
      expect.objectContaining({
        file: expect.stringContaining('settings.json'),
        movedTo: expect.stringContaining('corrupt'),
      }),
    ]);
    expect(await second.invoke('settings.get', {}, 'test')).toMatchObject({
      ok: true,
      data: { theme: 'light' },
    });
    await second.close();
  });

  it('answers bad input and unknown operations with codes, never a thrown exception', async () => {
    const engine = await Engine.open({ dataDir: dir, transport: 'cli', version: '1' });
    expect(await engine.invoke('settings.update', { theme: 42 }, 'test')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await engine.invoke('jobs.cancel', { jobId: 'missing' }, 'test')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await engine.invoke('constructor', {}, 'test')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await engine.close();
  });

  it('never writes a stored secret to the log, even when a message quotes it', async () => {
    const engine = await Engine.open({ dataDir: dir, transport: 'cli', version: '1' });
    const secret = 'correct-horse-battery-staple';
    await engine.secrets.put(secret, 'NAS password');
    const logFile = join(dir, 'logs', 'test.log');
    const logger = new FileLogger(logFile, (value) => engine.redactor.redactValue(value));
    logger.log('error', `ssh failed for admin:${secret}@nas`, {
      password: 'other-value',
      url: `https://u:${secret}@host/`,
    });
    const written = await readFile(logFile, 'utf8');
    expect(written).not.toContain(secret);
    expect(written).not.toContain('other-value');
    expect(written).toContain('[redacted]');
    expect(await readFile(join(dir, 'secrets.json'), 'utf8')).not.toContain(secret);
    await engine.close();
  });
});
