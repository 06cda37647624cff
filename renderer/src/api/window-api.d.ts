// The preload's window.api, typed by the contract. It is optional because in browser
// mode there is no preload and the client talks HTTP + WebSocket instead.
import type { PromsteadApi } from '@shared/contract';

declare global {
  interface Window {
    api?: PromsteadApi;
  }
}

export {};
