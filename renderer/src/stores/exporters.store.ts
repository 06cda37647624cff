// Exporters: the catalog and the artefacts of the chosen exporter, style and parameters,
// re-read whenever a choice changes (typing in the parameters or host waits a moment).
import { create } from 'zustand';
import type { InstallStyleName } from '@shared/contract';
import { getClient } from '../api';
import {
  editorForSelection,
  exportersBlackboxEditorActions,
  initialBlackboxEditorState,
  type BlackboxEditorState,
} from './blackbox-editor';
import {
  applyCatalog,
  artefactsFailed,
  artefactsLoaded,
  artefactsRequested,
  buildArtefactsRequest,
  chooseStyle,
  initialExportersData,
  requestKey,
  selectExporter,
  type ExportersData,
} from './exporters.reducer';

/** How long typing must pause before the artefacts are asked for again. */
export const typingDelayMs = 350;

export interface CopyFeedback {
  artefactId: string;
  state: 'copied' | 'failed';
}

export interface ExportersState extends ExportersData, BlackboxEditorState {
  copy?: CopyFeedback;
  load(): Promise<void>;
  /** Loads the catalog unless it is loaded or loading already. */
  ensureLoaded(): void;
  select(id: string | undefined): void;
  setStyle(style: InstallStyleName): void;
  editParams(text: string): void;
  editHost(host: string): void;
  refreshArtefacts(): Promise<void>;
  setCopyFeedback(feedback: CopyFeedback | undefined): void;
}

export const useExportersStore = create<ExportersState>()((set, get) => {
  /** Numbers artefact requests so only the newest answer is applied. */
  let artefactsRequest = 0;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;

  function cancelTyping(): void {
    if (typingTimer !== undefined) clearTimeout(typingTimer);
    typingTimer = undefined;
  }

  function refreshSoon(): void {
    cancelTyping();
    typingTimer = setTimeout(() => {
      typingTimer = undefined;
      void get().refreshArtefacts();
    }, typingDelayMs);
  }

  function refreshNow(): void {
    cancelTyping();
    void get().refreshArtefacts();
  }

  return {
    ...initialExportersData(),
    ...initialBlackboxEditorState(),
    ...exportersBlackboxEditorActions(set, get, { soon: refreshSoon, now: refreshNow }),

    load: async () => {
      set({ catalogStatus: 'loading', catalogError: undefined });
      const result = await getClient().api.exporters.list();
      if (!result.ok) {
        set({ catalogStatus: 'error', catalogError: result.error.message });
        return;
      }
      set((state) => {
        const next = applyCatalog(state, result.data.exporters);
        return { ...next, blackbox: editorForSelection(next.selectedId, next.paramsText, state.blackbox) };
      });
      refreshNow();
    },

    ensureLoaded: () => {
      const status = get().catalogStatus;
      if (status === 'idle' || status === 'error') void get().load();
    },

    select: (id) => {
      set((state) => {
        const next = selectExporter(state, id);
        if (next === state) return { copy: undefined };
        return {
          ...next,
          copy: undefined,
          ...initialBlackboxEditorState(),
          blackbox: editorForSelection(
            next.selectedId,
            next.paramsText,
            initialBlackboxEditorState().blackbox,
          ),
        };
      });
      refreshNow();
    },

    setStyle: (style) => {
      set((state) => ({ ...chooseStyle(state, style), copy: undefined }));
      refreshNow();
    },

    editParams: (text) => {
      // The JSON is the truth: the module editor shows what it says whenever it can.
      set((state) => ({
        paramsText: text,
        blackbox: editorForSelection(state.selectedId, text, state.blackbox),
      }));
      refreshSoon();
    },

    editHost: (host) => {
      set({ host });
      refreshSoon();
    },

    refreshArtefacts: async () => {
      const input = buildArtefactsRequest(get());
      // Bad JSON: the box shows why, and the last good artefacts stay, marked out of date.
      if (!input) {
        artefactsRequest++;
        if (get().artefactsStatus === 'loading') set({ artefactsStatus: 'idle' });
        return;
      }
      const key = requestKey(input);
      const { artefactsKey, artefactsStatus } = get();
      if (key === artefactsKey && artefactsStatus === 'ready') return;
      const request = ++artefactsRequest;
      set((state) => artefactsRequested(state));
      const result = await getClient().api.exporters.artefacts(input);
      if (request !== artefactsRequest) return;
      if (result.ok) set((state) => artefactsLoaded(state, key, result.data.artefacts));
      else set((state) => artefactsFailed(state, result.error.message));
    },

    setCopyFeedback: (feedback) => set({ copy: feedback }),
  };
});
