// Hosts and job events for the discovery tests; plain data, no store.
import type { DiscoveredHost, JobEvent } from '@shared/contract';

export function makeHost(address: string, change: Partial<DiscoveredHost> = {}): DiscoveredHost {
  return {
    address,
    liveness: 'icmp',
    services: [],
    classification: { kind: 'unknown', confidence: 0.2, evidence: [] },
    suggestions: [],
    firstSeen: 1000,
    lastSeen: 2000,
    seenInLastScan: true,
    ...change,
  };
}

/** A job event without its envelope; distributes over the union so each type keeps its fields. */
type WithoutEnvelope<E> = E extends unknown ? Omit<E, 'jobId' | 'seq' | 'at'> : never;
export type EventBody = WithoutEnvelope<JobEvent>;

/** Numbers the events of one job in order, as the server does. */
export function jobEvents(jobId: string, bodies: readonly EventBody[], firstSeq = 0): JobEvent[] {
  return bodies.map(
    (body, index) => ({ ...body, jobId, seq: firstSeq + index, at: 5000 + index }) as JobEvent,
  );
}
