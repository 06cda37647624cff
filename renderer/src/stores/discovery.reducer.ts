// Pure rules for the discovery store: hosts by address (a later report of the same address
// replaces the earlier one), and the one scan this window follows, fed by its job's events.
// Events that arrive before discovery.scan has returned the job id wait, then replay.
import {
  isPhaseOf,
  readJobEvent,
  readJobResult,
  scanPhases,
  type ApiError,
  type DiscoveredHost,
  type Inventory,
  type JobEvent,
  type JobState,
  type JobSummary,
  type ScanPhase,
  type ScanResult,
} from '@shared/contract';

export const scanOperation = 'discovery.scan';
/** Event problems kept per scan (an event that does not match the contract), newest last. */
export const eventProblemLimit = 20;
/** Bound on events held while the scan's job id is not known yet. */
export const earlyEventLimit = 5000;

export type HostsByAddress = Readonly<Record<string, DiscoveredHost>>;

export interface PhaseProgress {
  current: number;
  total: number;
  message: string;
}

export interface ScanView {
  jobId: string;
  state: JobState;
  /** The phase of the latest progress event. */
  phase?: ScanPhase;
  /** The latest count of every phase seen so far. */
  phases: Readonly<Partial<Record<ScanPhase, PhaseProgress>>>;
  /** Events that did not match discovery.scan's declaration: reported, not applied. */
  problems: readonly string[];
  /** Addresses this scan has reported. */
  found: Readonly<Record<string, true>>;
  /** This window's clock when it began to follow the scan. */
  followedSince: number;
  error?: ApiError;
  message?: string;
  lastSeq: number;
}

export interface DiscoveryData {
  hosts: HostsByAddress;
  scan?: ScanView;
  /** True while discovery.scan (and secrets.put before it) is being asked. */
  starting: boolean;
  early: readonly JobEvent[];
  /** Why the scan could not start: the server's error, VALIDATION included. */
  startError?: ApiError;
  lastResult?: ScanResult;
}

export function initialDiscoveryData(): DiscoveryData {
  return { hosts: {}, starting: false, early: [] };
}

/** A streamed host replaces the one at its address, keeping what only the inventory knows. */
export function upsertHost(hosts: HostsByAddress, host: DiscoveredHost): HostsByAddress {
  const before = hosts[host.address];
  if (!before) return { ...hosts, [host.address]: host };
  return {
    ...hosts,
    [host.address]: {
      ...host,
      firstSeen: Math.min(before.firstSeen, host.firstSeen),
      name: host.name ?? before.name,
      notes: host.notes ?? before.notes,
    },
  };
}

/** The saved inventory replaces the hosts, except those a running scan reported since. */
export function applyInventory(data: DiscoveryData, inventory: Inventory): DiscoveryData {
  const hosts: Record<string, DiscoveredHost> = {};
  for (const host of inventory.hosts) hosts[host.address] = host;
  const scan = data.scan;
  if (scan?.state === 'running') {
    for (const address of Object.keys(scan.found)) {
      const streamed = data.hosts[address];
      if (streamed) hosts[address] = upsertHost(hosts, streamed)[address] as DiscoveredHost;
    }
  }
  return { ...data, hosts };
}

export function beginStart(data: DiscoveryData): DiscoveryData {
  return { ...data, starting: true, early: [], startError: undefined };
}

export function startFailed(data: DiscoveryData, error: ApiError): DiscoveryData {
  return { ...data, starting: false, early: [], startError: error };
}

/** discovery.scan answered with a job id: follow it, and replay what came before. */
export function scanStarted(data: DiscoveryData, jobId: string, now: number): DiscoveryData {
  const early = data.early.filter((event) => event.jobId === jobId).sort((a, b) => a.seq - b.seq);
  let next: DiscoveryData = {
    ...data,
    starting: false,
    early: [],
    startError: undefined,
    lastResult: undefined,
    scan: newScan(jobId, now),
  };
  for (const event of early) next = applyDiscoveryEvent(next, event);
  return next;
}

export function applyDiscoveryEvent(data: DiscoveryData, event: JobEvent): DiscoveryData {
  const scan = data.scan;
  if (scan && event.jobId === scan.jobId) return reduceScan(data, scan, event);
  if (data.starting) {
    if (data.early.length >= earlyEventLimit) return data;
    return { ...data, early: [...data.early, event] };
  }
  // A scan started elsewhere (another window, a reloaded one) is followed when none runs here.
  if (event.type === 'started' && event.operation === scanOperation && scan?.state !== 'running') {
    return reduceScan({ ...data, lastResult: undefined }, newScan(event.jobId, event.at), event);
  }
  return data;
}

/**
 * Folds a jobs.list answer in: ends the followed scan if events about its end were
 * missed, and picks up the newest scan when this window follows none (after a reload).
 */
export function applyDiscoverySnapshot(
  data: DiscoveryData,
  summaries: readonly JobSummary[],
  requestedAt: number,
): DiscoveryData {
  const scan = data.scan;
  if (!scan) {
    if (data.starting) return data;
    const newest = summaries.find((summary) => summary.operation === scanOperation);
    // A finished scan is worth showing only with its result (held until the server restarts);
    // yesterday's failure must not greet the person as if it had just happened.
    const worthShowing =
      newest?.state === 'running' ||
      (newest?.state === 'done' && readJobResult(scanOperation, newest.result) !== undefined);
    if (!newest || !worthShowing) return data;
    return fromSummary({ ...data, lastResult: undefined }, newScan(newest.jobId, requestedAt), newest);
  }
  if (scan.state !== 'running') return data;
  const summary = summaries.find((candidate) => candidate.jobId === scan.jobId);
  if (summary) return fromSummary(data, scan, summary);
  if (scan.followedSince >= requestedAt) return data;
  return {
    ...data,
    scan: { ...scan, state: 'cancelled', message: 'The server restarted; this scan ended with it.' },
  };
}

function newScan(jobId: string, now: number): ScanView {
  return { jobId, state: 'running', phases: {}, found: {}, followedSince: now, lastSeq: -1, problems: [] };
}

function reduceScan(data: DiscoveryData, scan: ScanView, raw: JobEvent): DiscoveryData {
  if (scan.state !== 'running' || raw.seq <= scan.lastSeq) return data;
  const seen: ScanView = { ...scan, lastSeq: raw.seq };
  const reading = readJobEvent(scanOperation, raw);
  if (!reading.ok) {
    console.warn(reading.problem);
    return {
      ...data,
      scan: { ...seen, problems: [...seen.problems, reading.problem].slice(-eventProblemLimit) },
    };
  }
  const event = reading.event;
  switch (event.type) {
    case 'progress': {
      const progress = { current: event.current, total: event.total, message: event.message };
      return {
        ...data,
        scan: { ...seen, phase: event.phase, phases: { ...seen.phases, [event.phase]: progress } },
      };
    }
    case 'data': {
      const host = event.data;
      return {
        ...data,
        hosts: upsertHost(data.hosts, host),
        scan: { ...seen, found: { ...seen.found, [host.address]: true } },
      };
    }
    case 'done':
      return { ...data, scan: { ...seen, state: 'done' }, lastResult: event.result };
    case 'failed':
      return { ...data, scan: { ...seen, state: 'failed', error: event.error } };
    case 'cancelled':
      return { ...data, scan: { ...seen, state: 'cancelled', message: event.message } };
    case 'started':
    case 'log':
      return { ...data, scan: seen };
  }
}

function fromSummary(data: DiscoveryData, scan: ScanView, summary: JobSummary): DiscoveryData {
  // A snapshot can be older than the events already applied: it must not move the bar back.
  const summaryPhase = isPhaseOf(scanOperation, summary.phase) ? summary.phase : undefined;
  if (summary.state === 'running' && isEarlierPhase(summaryPhase, scan.phase)) return data;
  const phases =
    summaryPhase !== undefined
      ? {
          ...scan.phases,
          [summaryPhase]: {
            current: summary.current ?? 0,
            total: summary.total ?? 0,
            message: summary.message ?? '',
          },
        }
      : scan.phases;
  const next: ScanView = {
    ...scan,
    state: summary.state,
    phase: summaryPhase ?? scan.phase,
    phases,
    error: summary.error,
    message: summary.state === 'cancelled' ? summary.message : undefined,
  };
  const lastResult =
    summary.state === 'done' ? readJobResult(scanOperation, summary.result) : data.lastResult;
  return { ...data, scan: next, lastResult };
}

function isEarlierPhase(phase: ScanPhase | undefined, than: ScanPhase | undefined): boolean {
  if (phase === undefined) return than !== undefined;
  return than !== undefined && scanPhases.indexOf(phase) < scanPhases.indexOf(than);
}
