// electron cannot load in plain Node, so ipcMain and BrowserWindow are stand-ins
// that record what ipc.ts registers and sends.
import { afterEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { JobEvent } from '@shared/contract';
import { channelFor, jobEventChannel, operationNames } from '@shared/contract/operation-kinds';

type Handler = (event: unknown, input: unknown) => Promise<unknown>;

const fake = vi.hoisted(() => ({
  handlers: new Map<string, Handler>(),
  windows: [] as Array<{ destroyed: boolean; url: string; sent: Array<[string, unknown]> }>,
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => {
      if (fake.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      fake.handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => fake.handlers.delete(channel),
  },
  BrowserWindow: {
    getAllWindows: () =>
      fake.windows.map((window) => ({
        isDestroyed: () => window.destroyed,
        webContents: {
          isDestroyed: () => window.destroyed,
          getURL: () => window.url,
          send: (channel: string, payload: unknown) => window.sent.push([channel, payload]),
        },
      })),
  },
}));

const { forwardJobEvents, registerIpcHandlers } = await import('./ipc');
type EngineGateway = import('./ipc').EngineGateway;

const appUrl = 'file:///opt/Promstead/resources/app.asar/out/renderer/index.html';

function fakeEngine(): {
  invoke: Mock<EngineGateway['invoke']>;
  onJobEvent: (listener: (event: JobEvent) => void) => () => void;
  emit: (event: JobEvent) => void;
} {
  const listeners = new Set<(event: JobEvent) => void>();
  return {
    invoke: vi.fn<EngineGateway['invoke']>(async (name) => ({ ok: true, data: { name } })),
    onJobEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: (event) => listeners.forEach((listener) => listener(event)),
  };
}

function call(name: (typeof operationNames)[number], frame: unknown, input: unknown = {}): Promise<unknown> {
  const handler = fake.handlers.get(channelFor(name));
  if (!handler) throw new Error(`no handler for ${name}`);
  return handler({ senderFrame: frame }, input);
}

afterEach(() => {
  fake.handlers.clear();
  fake.windows.length = 0;
});

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per operation, on the contract channel', () => {
    registerIpcHandlers(fakeEngine(), appUrl);
    expect([...fake.handlers.keys()].sort()).toEqual(operationNames.map(channelFor).sort());
  });

  it('passes a call from the app page to the engine, tagged as electron', async () => {
    const engine = fakeEngine();
    registerIpcHandlers(engine, appUrl);
    const result = await call(
      'settings.update',
      { url: `${appUrl}#/settings`, parent: null },
      { theme: 'dark' },
    );
    expect(result).toEqual({ ok: true, data: { name: 'settings.update' } });
    expect(engine.invoke).toHaveBeenCalledWith('settings.update', { theme: 'dark' }, 'electron');
  });

  it('refuses calls from anything but the app page, without reaching the engine', async () => {
    const engine = fakeEngine();
    const quiet = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    registerIpcHandlers(engine, appUrl);
    const destroyed = {
      get url(): string {
        throw new Error('Render frame was disposed');
      },
      parent: null,
    };
    for (const frame of [
      null,
      destroyed,
      { url: appUrl, parent: {} },
      { url: 'https://evil.example/', parent: null },
    ]) {
      const result = await call('app.info', frame);
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(engine.invoke).not.toHaveBeenCalled();
    expect(quiet).toHaveBeenCalledTimes(4);
    quiet.mockRestore();
  });

  it('turns an engine that throws into an INTERNAL result', async () => {
    const engine = fakeEngine();
    engine.invoke.mockRejectedValueOnce(new Error('secret stack'));
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    registerIpcHandlers(engine, appUrl);
    const result = await call('app.info', { url: appUrl, parent: null });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret stack');
    quiet.mockRestore();
  });

  it('removes every handler when disposed', () => {
    const dispose = registerIpcHandlers(fakeEngine(), appUrl);
    dispose();
    expect(fake.handlers.size).toBe(0);
  });
});

describe('forwardJobEvents', () => {
  it('sends job events only to live windows that show the app', () => {
    const engine = fakeEngine();
    const app = { destroyed: false, url: `${appUrl}#/jobs`, sent: [] as Array<[string, unknown]> };
    const gone = { destroyed: true, url: appUrl, sent: [] as Array<[string, unknown]> };
    const foreign = { destroyed: false, url: 'https://evil.example/', sent: [] as Array<[string, unknown]> };
    fake.windows.push(app, gone, foreign);
    const stop = forwardJobEvents(engine, appUrl);
    const event: JobEvent = {
      type: 'started',
      jobId: 'j1',
      seq: 0,
      at: 1,
      operation: 'diagnostics.selfTest',
    };
    engine.emit(event);
    expect(app.sent).toEqual([[jobEventChannel, event]]);
    expect(gone.sent).toEqual([]);
    expect(foreign.sent).toEqual([]);
    stop();
    engine.emit({ ...event, seq: 1 });
    expect(app.sent).toHaveLength(1);
  });
});
