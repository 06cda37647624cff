// The blackbox module editor's store part, shared by every store that edits
// blackbox_exporter's parameters (the Exporters page's, the Deploy page's): edits reach
// the parameters JSON only when every module is valid, and bearer tokens are handed to
// secrets.put so only the returned id is kept anywhere in the renderer.
import { getClient } from '../../api';
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
} from './editor-steps';
import { effectiveName, type BlackboxModuleDraft } from './module-draft';
import type { BlackboxPreset } from './module-checks';

export interface TokenSaveError {
  key: number;
  message: string;
}

export interface BlackboxEditorFields {
  blackbox: BlackboxEditorData;
  /** Tokens as typed, by module key; each leaves the store the moment it is saved. */
  tokenInputs: Readonly<Record<number, string>>;
  /** The module whose token secrets.put is storing. */
  tokenSaving?: number;
  tokenError?: TokenSaveError;
}

export interface BlackboxEditorActions {
  addModule(preset: BlackboxPreset): void;
  editModule(key: number, change: ModuleChange): void;
  removeModule(key: number): void;
  moveModule(key: number, by: -1 | 1): void;
  editToken(key: number, value: string): void;
  saveToken(key: number): Promise<void>;
}

export type BlackboxEditorState = BlackboxEditorFields & BlackboxEditorActions;

export function initialBlackboxEditorState(): BlackboxEditorFields {
  return { blackbox: emptyBlackboxEditor(), tokenInputs: {}, tokenSaving: undefined, tokenError: undefined };
}

/** Typing waits a moment before anything is re-read; a click does not. */
export type EditPace = 'soon' | 'now';

/** How the editor reaches the store it lives in, and the parameters text it writes into. */
export interface BlackboxEditorBinding {
  fields(): BlackboxEditorFields;
  /** Stores editor fields and, when given, the new parameters text, in one update. */
  set(fields: Partial<BlackboxEditorFields>, paramsText?: string): void;
  paramsText(): string;
  /** After each module edit; `written` says whether the parameters text changed. */
  changed(pace: EditPace, written: boolean): void;
}

export function blackboxEditorActions(binding: BlackboxEditorBinding): BlackboxEditorActions {
  /** Shows the new modules; the JSON follows only when they are valid. */
  function commit(modules: BlackboxModuleDraft[], pace: EditPace): void {
    const text = paramsTextWithModules(binding.paramsText(), modules);
    binding.set({ blackbox: { modules } }, text);
    binding.changed(pace, text !== undefined);
  }

  const modules = (): readonly BlackboxModuleDraft[] => binding.fields().blackbox.modules;
  const editModule = (key: number, change: ModuleChange): void =>
    commit(changeModule(modules(), key, change), 'soon');

  return {
    addModule: (preset) => commit(addModule(modules(), preset), 'now'),
    editModule,
    removeModule: (key) => {
      const { [key]: _dropped, ...tokenInputs } = binding.fields().tokenInputs;
      binding.set({ tokenInputs });
      commit(removeModule(modules(), key), 'now');
    },
    moveModule: (key, by) => commit(moveModule(modules(), key, by), 'now'),
    editToken: (key, value) =>
      binding.set({ tokenInputs: { ...binding.fields().tokenInputs, [key]: value } }),

    saveToken: async (key) => {
      const { tokenInputs, tokenSaving } = binding.fields();
      const value = tokenInputs[key] ?? '';
      const draft = modules().find((module) => module.key === key);
      if (value === '' || !draft || tokenSaving !== undefined) return;
      // The token leaves the store now, whatever the answer: it is typed again after a failure.
      binding.set({ tokenInputs: { ...tokenInputs, [key]: '' }, tokenSaving: key, tokenError: undefined });
      const stored = await getClient().api.secrets.put({ value, label: tokenLabel(effectiveName(draft)) });
      binding.set({ tokenSaving: undefined });
      if (!stored.ok) {
        binding.set({ tokenError: { key, message: `Could not store the token: ${stored.error.message}` } });
        return;
      }
      // The module may have been removed while the token was stored; then the id is dropped.
      if (modules().some((module) => module.key === key))
        editModule(key, { bearerTokenSecretId: stored.data.id });
    },
  };
}
