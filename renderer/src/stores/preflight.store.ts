// Preflight runs per host: which job read which host, so the Hosts page can show the
// checklist; the job's progress and result themselves live in the jobs store.
import { create } from 'zustand';
import type { ApiError } from '@shared/contract';
import { getClient } from '../api';

export interface PreflightRun {
  hostId: string;
  starting: boolean;
  jobId?: string;
  startError?: ApiError;
}

export interface PreflightState {
  /** The host whose checklist is shown. */
  shown?: PreflightRun;
  run(hostId: string, ports?: number[]): Promise<void>;
  close(): void;
}

export const usePreflightStore = create<PreflightState>()((set, get) => ({
  run: async (hostId, ports = []) => {
    if (get().shown?.hostId === hostId && get().shown?.starting) return;
    const starting: PreflightRun = { hostId, starting: true };
    set({ shown: starting });
    const result = await getClient().api.hosts.preflight({ hostId, ports });
    // Another host's preflight was asked for meanwhile: that one is shown now.
    if (get().shown !== starting) return;
    if (result.ok) set({ shown: { hostId, starting: false, jobId: result.data.jobId } });
    else set({ shown: { hostId, starting: false, startError: result.error } });
  },
  close: () => set({ shown: undefined }),
}));

/** A done event's result is untyped on the wire; only a well-formed report is shown. */
