// The one place job events enter the app: subscribes outside React, feeds the jobs store,
// and re-reads jobs.list at start and whenever the transport may have dropped events.
import type { PromsteadClient } from '../api';
import { useJobsStore, type JobsState } from '../stores/jobs.store';

type JobsSink = Pick<JobsState, 'applyEvent' | 'applySnapshot' | 'setSyncError'>;

export function startJobEventsBridge(
  client: PromsteadClient,
  sink: () => JobsSink = () => useJobsStore.getState(),
): () => void {
  let stopped = false;
  // Subscribe before listing, so nothing falls between the snapshot and the first event.
  const unsubscribeEvents = client.api.onJobEvent((event) => sink().applyEvent(event));
  const unsubscribeResync = client.onResync(() => void resync());

  async function resync(): Promise<void> {
    const requestedAt = Date.now();
    const result = await client.api.jobs.list();
    if (stopped) return;
    if (result.ok) sink().applySnapshot(result.data.jobs, requestedAt);
    else sink().setSyncError(`Could not list jobs: ${result.error.message}`);
  }

  void resync();
  return () => {
    stopped = true;
    unsubscribeEvents();
    unsubscribeResync();
  };
}
