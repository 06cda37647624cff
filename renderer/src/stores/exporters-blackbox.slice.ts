// The blackbox module editor's part of the exporters store: the shared editor slice bound
// to the page's one parameters text, with new artefacts asked for after each valid edit.
import {
  blackboxEditorActions as sharedActions,
  initialBlackboxEditorState,
  type BlackboxEditorActions,
  type BlackboxEditorState,
  type TokenSaveError,
} from './blackbox-editor.slice';
import type { ExportersState } from './exporters.store';

export { initialBlackboxEditorState, type BlackboxEditorState, type TokenSaveError };

type Setter = (partial: Partial<ExportersState>) => void;

/** How the store asks for new artefacts: after a typing pause, or at once. */
export interface Refresh {
  soon(): void;
  now(): void;
}

export function blackboxEditorActions(
  set: Setter,
  get: () => ExportersState,
  refresh: Refresh,
): BlackboxEditorActions {
  return sharedActions({
    fields: () => get(),
    set: (fields, paramsText) => set(paramsText === undefined ? fields : { ...fields, paramsText }),
    paramsText: () => get().paramsText,
    changed: (pace, written) => {
      if (written) refresh[pace]();
    },
  });
}
