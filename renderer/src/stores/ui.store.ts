// Window-level UI state that no domain owns: whether the jobs panel is open.
import { create } from 'zustand';

export interface UiState {
  jobsPanelOpen: boolean;
  toggleJobsPanel(): void;
  setJobsPanelOpen(open: boolean): void;
}

export const useUiStore = create<UiState>()((set) => ({
  jobsPanelOpen: false,
  toggleJobsPanel: () => set((state) => ({ jobsPanelOpen: !state.jobsPanelOpen })),
  setJobsPanelOpen: (open) => set({ jobsPanelOpen: open }),
}));
