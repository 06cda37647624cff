// The blackbox module editor's part of the exporters store: edits to the modules, written
// into the parameters JSON when valid, and bearer tokens handed to secrets.put so only
// the returned id is kept anywhere in the renderer.
import { getClient } from '../api';
import {
  addModule,
  changeModule,
  emptyBlackboxEditor,
  moveModule,
  paramsTextWithModules,
  removeModule,
  tokenLabel,
  type BlackboxEditorData,
  type ModuleChange,
} from './exporters-blackbox-editor';
import { effectiveName, type BlackboxModuleDraft } from './exporters-blackbox-draft';
import type { BlackboxPreset } from './exporters-blackbox-targets';
import type { ExportersState } from './exporters.store';

export interface TokenSaveError {
  key: number;
  message: string;
}

export interface BlackboxEditorState {
  blackbox: BlackboxEditorData;
  /** Tokens as typed, by module key; each leaves the store the moment it is saved. */
  tokenInputs: Readonly<Record<number, string>>;
  /** The module whose token secrets.put is storing. */
  tokenSaving?: number;
  tokenError?: TokenSaveError;
  addModule(preset: BlackboxPreset): void;
  editModule(key: number, change: ModuleChange): void;
  removeModule(key: number): void;
  moveModule(key: number, by: -1 | 1): void;
  editToken(key: number, value: string): void;
  saveToken(key: number): Promise<void>;
}

export function initialBlackboxEditorState(): Pick<
  BlackboxEditorState,
  'blackbox' | 'tokenInputs' | 'tokenSaving' | 'tokenError'
> {
  return { blackbox: emptyBlackboxEditor(), tokenInputs: {}, tokenSaving: undefined, tokenError: undefined };
}

type Setter = (
  partial: Partial<ExportersState> | ((state: ExportersState) => Partial<ExportersState>),
) => void;

/** How the store asks for new artefacts: after a typing pause, or at once. */
export interface Refresh {
  soon(): void;
  now(): void;
}

export function blackboxEditorActions(
  set: Setter,
  get: () => ExportersState,
  refresh: Refresh,
): Pick<
  BlackboxEditorState,
  'addModule' | 'editModule' | 'removeModule' | 'moveModule' | 'editToken' | 'saveToken'
> {
  /** Shows the new modules; the JSON (and so the previews) follow only when they are valid. */
  function commit(modules: BlackboxModuleDraft[], when: keyof Refresh): void {
    const text = paramsTextWithModules(get().paramsText, modules);
    const blackbox: BlackboxEditorData = { modules };
    set(text === undefined ? { blackbox } : { blackbox, paramsText: text });
    if (text !== undefined) refresh[when]();
  }

  return {
    addModule: (preset) => commit(addModule(get().blackbox.modules, preset), 'now'),
    editModule: (key, change) => commit(changeModule(get().blackbox.modules, key, change), 'soon'),
    removeModule: (key) => {
      const { [key]: _dropped, ...tokenInputs } = get().tokenInputs;
      set({ tokenInputs });
      commit(removeModule(get().blackbox.modules, key), 'now');
    },
    moveModule: (key, by) => commit(moveModule(get().blackbox.modules, key, by), 'now'),
    editToken: (key, value) => set((state) => ({ tokenInputs: { ...state.tokenInputs, [key]: value } })),

    saveToken: async (key) => {
      const value = get().tokenInputs[key] ?? '';
      const draft = get().blackbox.modules.find((module) => module.key === key);
      if (value === '' || !draft || get().tokenSaving !== undefined) return;
      // The token leaves the store now, whatever the answer: it is typed again after a failure.
      set((state) => ({
        tokenInputs: { ...state.tokenInputs, [key]: '' },
        tokenSaving: key,
        tokenError: undefined,
      }));
      const stored = await getClient().api.secrets.put({ value, label: tokenLabel(effectiveName(draft)) });
      set({ tokenSaving: undefined });
      if (!stored.ok) {
        set({ tokenError: { key, message: `Could not store the token: ${stored.error.message}` } });
        return;
      }
      // The module may have been removed while the token was stored; then the id is dropped.
      if (get().blackbox.modules.some((module) => module.key === key))
        get().editModule(key, { bearerTokenSecretId: stored.data.id });
    },
  };
}
