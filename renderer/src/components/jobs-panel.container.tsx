// Connects the jobs panel to the jobs and UI stores.
import { useMemo, type JSX } from 'react';
import { sortJobs } from '../stores/jobs.selectors';
import { useJobsStore } from '../stores/jobs.store';
import { useUiStore } from '../stores/ui.store';
import { JobsPanel } from './jobs-panel.view';

export function JobsPanelContainer(): JSX.Element {
  const byId = useJobsStore((state) => state.byId);
  const cancels = useJobsStore((state) => state.cancels);
  const syncError = useJobsStore((state) => state.syncError);
  const cancel = useJobsStore((state) => state.cancel);
  const open = useUiStore((state) => state.jobsPanelOpen);
  const setOpen = useUiStore((state) => state.setJobsPanelOpen);
  const jobs = useMemo(() => sortJobs(byId), [byId]);
  return (
    <JobsPanel
      open={open}
      jobs={jobs}
      cancels={cancels}
      syncError={syncError}
      onCancel={(jobId) => void cancel(jobId)}
      onClose={() => {
        setOpen(false);
        // Focus would otherwise fall to <body> with the panel hidden.
        document.getElementById('jobs-toggle')?.focus();
      }}
    />
  );
}
