// Derived views of the jobs store; sorting lives here so components stay dumb.
import type { JobsById, JobView } from './jobs.reducer';

/** Running jobs first, then finished ones; newest first within each group. */
export function sortJobs(jobs: JobsById): JobView[] {
  return Object.values(jobs).sort((a, b) => {
    const aRunning = a.state === 'running' ? 0 : 1;
    const bRunning = b.state === 'running' ? 0 : 1;
    return aRunning - bRunning || b.startedAt - a.startedAt;
  });
}

export function countRunning(jobs: JobsById): number {
  let count = 0;
  for (const job of Object.values(jobs)) if (job.state === 'running') count += 1;
  return count;
}
