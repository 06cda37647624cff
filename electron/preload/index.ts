// The sandboxed preload: exposes exactly window.api, built from the contract. It is
// bundled as CommonJS and imports no schemas; the main process validates every input.
import { contextBridge, ipcRenderer } from 'electron';
import { buildWindowApi } from './window-api';

contextBridge.exposeInMainWorld('api', buildWindowApi(ipcRenderer));
