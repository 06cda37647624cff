// The saved settings and the form's draft. Saving is optimistic: the theme changes at
// once and goes back if the server refuses, with its message shown.
import { create } from 'zustand';
import type { Settings } from '@shared/contract';
import { getClient } from '../api';
import {
  applyPatch,
  draftToPatch,
  fieldErrorsFrom,
  toDraft,
  type FieldErrors,
  type SettingsDraft,
} from './settings-draft';

export type SettingsStatus = 'idle' | 'loading' | 'editing' | 'saving' | 'saved' | 'error';

export interface SettingsState {
  settings?: Settings;
  draft?: SettingsDraft;
  status: SettingsStatus;
  loadError?: string;
  saveError?: string;
  fieldErrors: FieldErrors;
  load(): Promise<void>;
  edit(change: Partial<SettingsDraft>): void;
  save(): Promise<void>;
}

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  status: 'idle',
  fieldErrors: {},
  load: async () => {
    set({ status: 'loading', loadError: undefined });
    const result = await getClient().api.settings.get();
    if (result.ok) set({ settings: result.data, draft: toDraft(result.data), status: 'idle' });
    else set({ status: 'error', loadError: result.error.message });
  },
  edit: (change) => {
    const draft = get().draft;
    if (draft) set({ draft: { ...draft, ...change }, status: 'editing' });
  },
  save: async () => {
    const { settings: previous, draft, status } = get();
    if (!previous || !draft || status === 'saving') return;
    const patch = draftToPatch(draft);
    set({ settings: applyPatch(previous, patch), status: 'saving', saveError: undefined, fieldErrors: {} });
    const result = await getClient().api.settings.update(patch);
    if (result.ok) {
      set({ settings: result.data, draft: toDraft(result.data), status: 'saved' });
      return;
    }
    const { code, message } = result.error;
    set({
      settings: previous,
      status: 'error',
      saveError: message,
      fieldErrors: code === 'VALIDATION' ? fieldErrorsFrom(message) : {},
    });
  },
}));
