// What the app says about itself (app.info): version, data folder, capabilities, notices.
import { create } from 'zustand';
import type { AppInfo } from '@shared/contract';
import { getClient } from '../api';

export interface AppState {
  info?: AppInfo;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error?: string;
  load(): Promise<void>;
}

export const useAppStore = create<AppState>()((set) => ({
  status: 'idle',
  load: async () => {
    set({ status: 'loading', error: undefined });
    const result = await getClient().api.app.info();
    if (result.ok) set({ info: result.data, status: 'ready' });
    else set({ status: 'error', error: result.error.message });
  },
}));
