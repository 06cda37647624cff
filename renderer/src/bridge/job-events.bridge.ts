// The one place job events enter the app: subscribes outside React, feeds the jobs store,
// the discovery store (hosts a scan streams, the progress and end of its scan), the
// deploy store (the end of its apply or uninstall) and the live metrics chart (a watch's
// ticks and its end), and re-reads jobs.list at start and whenever the transport may
// have dropped events.
import { discoveryHostTopic, isTerminalEvent, metricsTickTopic, type JobEvent } from '@shared/contract';
import type { PromsteadClient } from '../api';
import { useDeployStore, type DeployState } from '../stores/deploy.store';
import { useDiscoveryStore, type DiscoveryState } from '../stores/discovery.store';
import { useJobsStore, type JobsState } from '../stores/jobs.store';
import { useMetricsLiveStore, type MetricsLiveState } from '../stores/metrics/metrics-live.store';

export interface BridgeSinks {
  jobs(): Pick<JobsState, 'applyEvent' | 'applySnapshot' | 'setSyncError'>;
  discovery(): Pick<DiscoveryState, 'applyJobEvent' | 'applyJobSnapshot'>;
  /** Optional so a test can leave deploying out. */
  deploy?(): Pick<DeployState, 'noteJobEnded'>;
  /** Optional so a test can leave the live chart out. */
  metrics?(): Pick<MetricsLiveState, 'applyJobEvent' | 'noteJobEnded'>;
}

const storeSinks: BridgeSinks = {
  jobs: () => useJobsStore.getState(),
  discovery: () => useDiscoveryStore.getState(),
  deploy: () => useDeployStore.getState(),
  metrics: () => useMetricsLiveStore.getState(),
};

/** Hosts a scan found, and any job's start, progress and end (the store matches its scan). */
function concernsDiscovery(event: JobEvent): boolean {
  if (event.type === 'data') return event.topic === discoveryHostTopic;
  return event.type !== 'log';
}

export function startJobEventsBridge(client: PromsteadClient, sinks: BridgeSinks = storeSinks): () => void {
  let stopped = false;
  // Subscribe before listing, so nothing falls between the snapshot and the first event.
  const unsubscribeEvents = client.api.onJobEvent((event) => {
    sinks.jobs().applyEvent(event);
    if (concernsDiscovery(event)) sinks.discovery().applyJobEvent(event);
    if (isTerminalEvent(event)) sinks.deploy?.().noteJobEnded(event.jobId);
    if ((event.type === 'data' && event.topic === metricsTickTopic) || isTerminalEvent(event))
      sinks.metrics?.().applyJobEvent(event);
  });
  const unsubscribeResync = client.onResync(() => void resync());

  async function resync(): Promise<void> {
    const requestedAt = Date.now();
    const result = await client.api.jobs.list();
    if (stopped) return;
    if (result.ok) {
      sinks.jobs().applySnapshot(result.data.jobs, requestedAt);
      sinks.discovery().applyJobSnapshot(result.data.jobs, requestedAt);
      // An apply or uninstall may have ended while events could not arrive.
      for (const job of result.data.jobs)
        if (job.state !== 'running') {
          sinks.deploy?.().noteJobEnded(job.jobId);
          sinks.metrics?.().noteJobEnded(job.jobId);
        }
    } else sinks.jobs().setSyncError(`Could not list jobs: ${result.error.message}`);
  }

  void resync();
  return () => {
    stopped = true;
    unsubscribeEvents();
    unsubscribeResync();
  };
}
