// Every job this window knows of, fed by the job-events bridge; cancel goes through here.
import { create } from 'zustand';
import { getClient } from '../api';
import type { JobEvent, JobSummary } from '@shared/contract';
import { applyJobEvent, applyJobSnapshot, type JobsById } from './jobs.reducer';

export interface CancelState {
  pending: boolean;
  error?: string;
}

export interface JobsState {
  byId: JobsById;
  /** Why the last jobs.list failed, if it did. */
  syncError?: string;
  cancels: Readonly<Record<string, CancelState>>;
  applyEvent(event: JobEvent): void;
  applySnapshot(jobs: readonly JobSummary[], requestedAt?: number): void;
  setSyncError(message: string | undefined): void;
  cancel(jobId: string): Promise<void>;
}

export const useJobsStore = create<JobsState>()((set) => ({
  byId: {},
  cancels: {},
  applyEvent: (event) => set((state) => ({ byId: applyJobEvent(state.byId, event) })),
  applySnapshot: (jobs, requestedAt) =>
    set((state) => ({ byId: applyJobSnapshot(state.byId, jobs, requestedAt), syncError: undefined })),
  setSyncError: (message) => set({ syncError: message }),
  cancel: async (jobId) => {
    set((state) => ({ cancels: { ...state.cancels, [jobId]: { pending: true } } }));
    const result = await getClient().api.jobs.cancel({ jobId });
    // On success the button stays "Cancelling…" until the job's cancelled event arrives,
    // unless the server says the job had already ended.
    const next: CancelState = result.ok
      ? { pending: result.data.cancelled }
      : { pending: false, error: result.error.message };
    set((state) => ({ cancels: { ...state.cancels, [jobId]: next } }));
  },
}));
