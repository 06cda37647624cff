// Electron IPC for the engine: one handler per operation of the contract, each
// checking that the call comes from the app's own page before the engine's single
// boundary validates and runs it. Job events go to the app's windows.
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { JobEvent, Result } from '@shared/contract';
import { channelFor, jobEventChannel, operationNames } from '@shared/contract/operation-kinds';
import { isAppPage, isTrustedSender, type SenderFrame } from './security-policy';

/** The part of the Engine that IPC uses. */
export interface EngineGateway {
  invoke(name: string, input: unknown, origin: string): Promise<Result<unknown>>;
  onJobEvent(listener: (event: JobEvent) => void): () => void;
}

/** Registers every operation's handler; returns a function that removes them. */
export function registerIpcHandlers(engine: EngineGateway, appUrl: string): () => void {
  for (const name of operationNames) {
    ipcMain.handle(
      channelFor(name),
      async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
        const frame = senderFrameOf(event);
        if (!isTrustedSender(frame, appUrl)) {
          console.warn(
            `Refused ${name} from ${frame?.url ?? 'a frame that is gone'}: not the top frame of the Promstead window.`,
          );
          return {
            ok: false,
            error: {
              code: 'FORBIDDEN',
              message: `${name} was refused: it did not come from the Promstead window.`,
            },
          };
        }
        try {
          return await engine.invoke(name, input, 'electron');
        } catch (error) {
          // The engine's boundary already turns failures into results; this only keeps a
          // bug there from sending a raw Error (and its stack) to the renderer.
          console.error(`${name} failed outside the engine boundary:`, error);
          return {
            ok: false,
            error: { code: 'INTERNAL', message: `${name} failed unexpectedly; see the log.` },
          };
        }
      },
    );
  }
  return () => {
    for (const name of operationNames) ipcMain.removeHandler(channelFor(name));
  };
}

/** Sends every job event to each live window showing the app; returns the unsubscribe. */
export function forwardJobEvents(engine: EngineGateway, appUrl: string): () => void {
  return engine.onJobEvent((event) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (window.isDestroyed() || window.webContents.isDestroyed()) continue;
      // Job logs can name hosts and paths: never hand them to a page that is not ours.
      if (!isAppPage(window.webContents.getURL(), appUrl)) continue;
      window.webContents.send(jobEventChannel, event);
    }
  });
}

/** The sender's frame, or null when it navigated away or was destroyed (reading it then throws). */
function senderFrameOf(event: IpcMainInvokeEvent): SenderFrame | null {
  try {
    const frame = event.senderFrame;
    return frame ? { url: frame.url, parent: frame.parent } : null;
  } catch {
    return null;
  }
}
