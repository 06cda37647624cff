// The self-test: its form (repeat, pause) and the id of the job it started; the job's
// progress itself lives in the jobs store.
import { create } from 'zustand';
import { getClient } from '../api';

export interface DiagnosticsState {
  repeat: string;
  intervalMs: string;
  jobId?: string;
  starting: boolean;
  startError?: string;
  setRepeat(value: string): void;
  setIntervalMs(value: string): void;
  startSelfTest(): Promise<void>;
}

export const useDiagnosticsStore = create<DiagnosticsState>()((set, get) => ({
  repeat: '1',
  intervalMs: '0',
  starting: false,
  setRepeat: (value) => set({ repeat: value }),
  setIntervalMs: (value) => set({ intervalMs: value }),
  startSelfTest: async () => {
    const { repeat, intervalMs, starting } = get();
    if (starting) return;
    set({ starting: true, startError: undefined });
    const result = await getClient().api.diagnostics.selfTest({
      repeat: Number(repeat),
      intervalMs: Number(intervalMs),
    });
    if (result.ok) set({ starting: false, jobId: result.data.jobId });
    else set({ starting: false, startError: result.error.message });
  },
}));

/** A done event's result is untyped on the wire; only a well-formed one is shown. */
