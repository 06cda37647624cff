// Pure steps of the blackbox module editor on the Exporters page: the parameters JSON stays
// the one truth the previews come from; the editor reads its modules from it and writes
// them back into it, both through the conversions in module-draft.ts.
import {
  draftsFromParams,
  emptyModuleDraft,
  nextModuleKey,
  paramsWithModules,
  type BlackboxModuleDraft,
} from './module-draft';
import type { BlackboxPreset } from './module-checks';
import { parseParams } from '../exporters.reducer';

export const blackboxExporterId = 'blackbox_exporter';

export interface BlackboxEditorData {
  modules: readonly BlackboxModuleDraft[];
  /** Why the JSON cannot be shown in the editor; it shows the modules again once it can. */
  unreadable?: string;
}

export function emptyBlackboxEditor(): BlackboxEditorData {
  return { modules: [] };
}

/** The editor for the parameters as typed; the last modules stay (hidden) while unreadable. */
export function editorFromParamsText(text: string, previous: BlackboxEditorData): BlackboxEditorData {
  const parsed = parseParams(text);
  if (!parsed.ok)
    return {
      modules: previous.modules,
      unreadable: 'The editor shows the modules again once the JSON is valid.',
    };
  const read = draftsFromParams(parsed.params, previous.modules);
  if (!read.ok)
    return {
      modules: previous.modules,
      unreadable: `The JSON has modules the editor cannot show: ${read.reason} Edit them as JSON, or fix them to use the editor.`,
    };
  return { modules: read.modules };
}

/** The editor for an exporter: its modules for blackbox_exporter, nothing for the others. */
export function editorForSelection(
  selectedId: string | undefined,
  paramsText: string,
  previous: BlackboxEditorData,
): BlackboxEditorData {
  return selectedId === blackboxExporterId
    ? editorFromParamsText(paramsText, previous)
    : emptyBlackboxEditor();
}

/**
 * The parameters text with its modules replaced, or undefined when the drafts would be
 * refused or the current text cannot be read (then nothing is overwritten).
 */
export function paramsTextWithModules(
  paramsText: string,
  modules: readonly BlackboxModuleDraft[],
): string | undefined {
  const parsed = parseParams(paramsText);
  if (!parsed.ok) return undefined;
  const params = paramsWithModules(parsed.params, modules);
  return params === undefined ? undefined : JSON.stringify(params, null, 2);
}

export type ModuleChange = Partial<Omit<BlackboxModuleDraft, 'key'>>;

export function addModule(
  modules: readonly BlackboxModuleDraft[],
  preset: BlackboxPreset,
): BlackboxModuleDraft[] {
  return [...modules, emptyModuleDraft(nextModuleKey(modules), preset)];
}

export function changeModule(
  modules: readonly BlackboxModuleDraft[],
  key: number,
  change: ModuleChange,
): BlackboxModuleDraft[] {
  return modules.map((draft) => (draft.key === key ? { ...draft, ...change } : draft));
}

export function removeModule(modules: readonly BlackboxModuleDraft[], key: number): BlackboxModuleDraft[] {
  return modules.filter((draft) => draft.key !== key);
}

/** Moves a module one place up (-1) or down (1); at either end nothing changes. */
export function moveModule(
  modules: readonly BlackboxModuleDraft[],
  key: number,
  by: -1 | 1,
): BlackboxModuleDraft[] {
  const from = modules.findIndex((draft) => draft.key === key);
  const to = from + by;
  const moving = modules[from];
  if (from === -1 || to < 0 || to >= modules.length || !moving) return [...modules];
  const rest = modules.filter((draft) => draft.key !== key);
  return [...rest.slice(0, to), moving, ...rest.slice(to)];
}

/** A label the secret store keeps next to the token, so the Settings list says what it is for. */
export function tokenLabel(moduleName: string): string {
  return `blackbox_exporter ${moduleName} bearer token`;
}
