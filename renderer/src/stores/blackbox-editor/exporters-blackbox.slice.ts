// The blackbox module editor's part of the exporters store: the shared editor slice bound
// to the page's one parameters text, with new artefacts asked for after each valid edit.
import type { ExportersState } from '../exporters.store';
import { blackboxEditorActions, type BlackboxEditorActions } from './blackbox-editor.slice';

type Setter = (partial: Partial<ExportersState>) => void;

/** How the store asks for new artefacts: after a typing pause, or at once. */
export interface Refresh {
  soon(): void;
  now(): void;
}

export function exportersBlackboxEditorActions(
  set: Setter,
  get: () => ExportersState,
  refresh: Refresh,
): BlackboxEditorActions {
  return blackboxEditorActions({
    fields: () => get(),
    set: (fields, paramsText) => set(paramsText === undefined ? fields : { ...fields, paramsText }),
    paramsText: () => get().paramsText,
    changed: (pace, written) => {
      if (written) refresh[pace]();
    },
  });
}
