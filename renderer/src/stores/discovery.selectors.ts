// Derived views of the discovery store: the filtered and sorted host list, counts by kind,
// and the scan's phases. Filtering and sorting live here so components stay dumb.
import {
  scanPhases,
  type ApiError,
  type DiscoveredHost,
  type HostKind,
  type ScanPhase,
} from '@shared/contract';
import type { DiscoveryData, HostsByAddress, ScanView } from './discovery.reducer';
import { hostKindLabels } from './host-kinds';

export const hostSortKeys = [
  'address',
  'name',
  'kind',
  'vendor',
  'services',
  'suggestions',
  'liveness',
] as const;
export type HostSortKey = (typeof hostSortKeys)[number];
export type SortDirection = 'asc' | 'desc';
export interface HostSort {
  key: HostSortKey;
  direction: SortDirection;
}
export type KindFilter = HostKind | 'all';

export interface HostQuery {
  filter: string;
  kind: KindFilter;
  sort: HostSort;
}

/** An IPv4 address as a number, so 10.0.0.2 sorts before 10.0.0.10; undefined otherwise. */
export function ipv4Key(address: string): number | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (!match) return undefined;
  const parts = match.slice(1).map(Number);
  if (parts.some((part) => part > 255)) return undefined;
  return parts.reduce((sum, part) => sum * 256 + part, 0);
}

/** IPv4 addresses numerically, then anything else (IPv6, names) in natural order. */
export function compareAddresses(a: string, b: string): number {
  const keyA = ipv4Key(a);
  const keyB = ipv4Key(b);
  if (keyA !== undefined && keyB !== undefined) return keyA - keyB;
  if (keyA !== undefined) return -1;
  if (keyB !== undefined) return 1;
  return a.localeCompare(b, undefined, { numeric: true });
}

/** The person's own name first, then what the device calls itself, then DNS. */
export function hostDisplayName(host: DiscoveredHost): string | undefined {
  return host.name || host.snmp?.sysName || host.hostname || undefined;
}

export function hostVendor(host: DiscoveredHost): string | undefined {
  return host.classification.vendor ?? host.macVendor;
}

export function hostModel(host: DiscoveredHost): string | undefined {
  return host.classification.model ?? host.snmp?.vendor?.model;
}

const livenessRank = { icmp: 0, tcp: 1, snmp: 2, none: 3 } as const satisfies Record<
  DiscoveredHost['liveness'],
  number
>;

type Compare = (a: DiscoveredHost, b: DiscoveredHost) => number;

const byText =
  (text: (host: DiscoveredHost) => string | undefined): Compare =>
  (a, b) => {
    const textA = text(a);
    const textB = text(b);
    // Hosts without the value go last whatever the direction reads; see sortHosts.
    if (textA === undefined || textB === undefined) return 0;
    return textA.localeCompare(textB, undefined, { sensitivity: 'base', numeric: true });
  };

const comparators = {
  address: (a, b) => compareAddresses(a.address, b.address),
  name: byText(hostDisplayName),
  kind: byText((host) => hostKindLabels[host.classification.kind]),
  vendor: byText((host) => [hostVendor(host), hostModel(host)].filter(Boolean).join(' ') || undefined),
  services: (a, b) => a.services.length - b.services.length,
  suggestions: (a, b) => a.suggestions.length - b.suggestions.length,
  liveness: (a, b) =>
    Number(!a.seenInLastScan) - Number(!b.seenInLastScan) ||
    livenessRank[a.liveness] - livenessRank[b.liveness],
} as const satisfies Record<HostSortKey, Compare>;

const missingValue = {
  name: hostDisplayName,
  vendor: (host: DiscoveredHost) => hostVendor(host) ?? hostModel(host),
} as const satisfies Partial<Record<HostSortKey, (host: DiscoveredHost) => string | undefined>>;

export function sortHosts(hosts: readonly DiscoveredHost[], sort: HostSort): DiscoveredHost[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const compare = comparators[sort.key];
  const missing = sort.key in missingValue ? missingValue[sort.key as keyof typeof missingValue] : undefined;
  return [...hosts].sort((a, b) => {
    if (missing) {
      const gap = Number(missing(a) === undefined) - Number(missing(b) === undefined);
      if (gap !== 0) return gap;
    }
    return sign * compare(a, b) || compareAddresses(a.address, b.address);
  });
}

/** Every word must be found in the address, a name, the vendor, the model or the kind. */
export function matchesFilter(host: DiscoveredHost, filter: string): boolean {
  const terms = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return true;
  const haystack = [
    host.address,
    host.name,
    host.snmp?.sysName,
    host.hostname,
    hostVendor(host),
    hostModel(host),
    host.classification.kind,
    hostKindLabels[host.classification.kind],
  ]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
  return terms.every((term) => haystack.includes(term));
}

export function selectHosts(hosts: HostsByAddress, query: HostQuery): DiscoveredHost[] {
  const matching = Object.values(hosts).filter(
    (host) =>
      (query.kind === 'all' || host.classification.kind === query.kind) && matchesFilter(host, query.filter),
  );
  return sortHosts(matching, query.sort);
}

export function countByKind(hosts: HostsByAddress): Partial<Record<HostKind, number>> {
  const counts: Partial<Record<HostKind, number>> = {};
  for (const host of Object.values(hosts)) {
    const kind = host.classification.kind;
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/** Clicking the sorted column flips it; another column starts ascending. */
export function nextSort(sort: HostSort, key: HostSortKey): HostSort {
  if (sort.key !== key) return { key, direction: 'asc' };
  return { key, direction: sort.direction === 'asc' ? 'desc' : 'asc' };
}

export type PhaseStatus = 'done' | 'current' | 'stopped';

export interface PhaseStep {
  phase: ScanPhase;
  status: PhaseStatus;
  current: number;
  total: number;
  message: string;
}

/** The phases the scan has reported, in scan order, each done, current or stopped. */
export function phaseSteps(scan: ScanView): PhaseStep[] {
  return scanPhases.flatMap((phase) => {
    const progress = scan.phases[phase];
    if (!progress) return [];
    return [
      {
        phase,
        ...progress,
        status:
          phase !== scan.phase || scan.state === 'done'
            ? 'done'
            : scan.state === 'running'
              ? 'current'
              : 'stopped',
      } satisfies PhaseStep,
    ];
  });
}

/** What to show as the scan's error: a refused start, or a scan that failed. */
export function scanErrorOf(data: Pick<DiscoveryData, 'startError' | 'scan'>): ApiError | undefined {
  if (data.startError) return data.startError;
  return data.scan?.state === 'failed' ? data.scan.error : undefined;
}
