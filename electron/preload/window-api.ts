// Builds window.api from the operation table: one method per operation, each an
// invoke on that operation's own channel, plus the job-event subscription. Kept free
// of electron so it is tested in plain Node; index.ts hands it ipcRenderer.
import type { PromsteadApi } from '@shared/contract/api';
import type { JobEvent } from '@shared/contract';
import {
  channelFor,
  jobEventChannel,
  operationNames,
  splitOperationName,
} from '@shared/contract/operation-kinds';

/** The part of ipcRenderer the API uses. */
export interface RendererIpc {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

type OperationMethods = Omit<PromsteadApi, 'onJobEvent'>;

export function buildWindowApi(ipc: RendererIpc): PromsteadApi {
  const api = {
    ...operationMethods(ipc),
    onJobEvent(listener: (event: JobEvent) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onJobEvent needs a function.');
      // Only the payload reaches the page: the IPC event object would hand it `sender`.
      const forward = (_event: unknown, payload: unknown): void => listener(payload as JobEvent);
      ipc.on(jobEventChannel, forward);
      return () => {
        ipc.removeListener(jobEventChannel, forward);
      };
    },
  } satisfies PromsteadApi;
  return api;
}

function operationMethods(ipc: RendererIpc): OperationMethods {
  const namespaces: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const name of operationNames) {
    const [namespace, method] = splitOperationName(name);
    (namespaces[namespace] ??= {})[method] = (input?: unknown) => ipc.invoke(channelFor(name), input);
  }
  // The table is walked at run time, so the compiler cannot see each method;
  // window-api.test.ts checks that the shape is exactly the contract's.
  return namespaces as unknown as OperationMethods;
}
