// The discovery.scan job: targets → liveness → SNMP → service probes → classification
// and suggestions → saved inventory. The phases overlap to keep a scan as fast as a
// sweep: SNMP runs during the sweep (devices that drop ICMP still answer it), and each
// host is probed as soon as it is found. Every host streams to the UI when found and
// again as facts arrive; cancel aborts every probe of every phase at once.
import {
  discoveryHostTopic,
  PromsteadError,
  type DiscoveredHost,
  type ScanOptions,
  type ScanResult,
  type Settings,
  type SnmpV3Credential,
} from '@shared/contract';
import { TaskPool } from '../concurrency';
import type { JobContext } from '../jobs';
import { parseTargets, sweep } from '../net';
import { querySnmp, type ResolvedV3Credential } from '../snmp';
import { classify, suggestExporters, type HostFacts } from './classification';
import type { InventoryStore } from './inventory-store';
import { defaultPorts, macVendor, probeServices, readNeighbours, reverseLookup } from './probes';
import { ScanProgress } from './scan-progress';

export interface ScanDependencies {
  scanSettings: () => Settings['scan'];
  readSecret: (id: string) => Promise<string>;
  inventory: InventoryStore;
  now?: () => number;
}

/** Up to this many addresses SNMP is asked of every address, during the sweep; beyond, only of live hosts. */
const SNMP_ALL_ADDRESSES_LIMIT = 4096;
const SNMP_CONCURRENCY = 128;
const PROBE_CONCURRENCY = 16;

export async function runScan(
  options: ScanOptions,
  job: JobContext<'discovery.scan'>,
  deps: ScanDependencies,
): Promise<ScanResult> {
  const now = deps.now ?? Date.now;
  const started = now();
  const settings = deps.scanSettings();
  const speed = {
    timeoutMs: options.timeoutMs ?? settings.timeoutMs,
    retries: options.retries ?? settings.retries,
    packetsPerSecond: options.packetsPerSecond ?? settings.packetsPerSecond,
  };
  const notes: string[] = [];
  const progress = new ScanProgress(job);
  progress.set('resolve', 0, 1, `Reading ${options.targets.length} target(s)`);
  job.progress('resolve', 0, 1, `Reading ${options.targets.length} target(s)`);

  const { addresses, hostnames } = await parseTargets(options.targets, { allowLarge: options.allowLarge });
  const v3 = await resolveV3(options.snmp.v3, deps.readSecret);
  progress.set('resolve', 1, 1, `${addresses.length} addresses`);
  progress.finish('resolve');

  const facts = new Map<string, HostFacts>();
  // Hosts stream with what the user gave them earlier (name, notes, first seen).
  const before = new Map(deps.inventory.get().hosts.map((host) => [host.address, host]));
  const emit = (address: string): void => {
    const host = toHost(facts.get(address), before.get(address), started, now());
    if (host) job.emitData(discoveryHostTopic, host);
  };
  // An SNMP refusal can come back before the sweep has seen the host: kept until it has.
  const pendingSnmpErrors = new Map<string, NonNullable<HostFacts['snmpError']>>();
  const update = (
    address: string,
    change: Partial<HostFacts>,
    liveness: HostFacts['liveness'] = 'snmp',
  ): void => {
    const pendingError = pendingSnmpErrors.get(address);
    const known = facts.get(address) ?? {
      address,
      liveness,
      services: [],
      ...(hostnames[address] ? { hostname: hostnames[address] } : {}),
      ...(pendingError ? { snmpError: pendingError } : {}),
    };
    facts.set(address, { ...known, ...change });
    emit(address);
  };

  const neighbours = readNeighbours().catch(() => new Map<string, string>());
  const probes = new TaskPool(PROBE_CONCURRENCY);
  const probed = new Set<string>();
  const probeHost = (address: string): void => {
    if (probed.has(address)) return;
    probed.add(address);
    progress.addTotal('services', 1);
    probes.add(async () => {
      const [services, hostname, mac] = await Promise.all([
        probeServices(address, {
          ports: options.ports ?? defaultPorts,
          timeoutMs: Math.min(speed.timeoutMs, 3000),
          signal: job.signal,
        }),
        hostnames[address]
          ? Promise.resolve(hostnames[address])
          : reverseLookup(address, { timeoutMs: 1000, signal: job.signal }),
        neighbours.then((table) => table.get(address)),
      ]);
      const vendor = mac ? await macVendor(mac) : undefined;
      update(address, {
        services,
        ...(hostname ? { hostname } : {}),
        ...(mac ? { mac } : {}),
        ...(vendor ? { macVendor: vendor } : {}),
      });
      progress.step('services', address);
    });
  };

  const snmpPool = new TaskPool(SNMP_CONCURRENCY);
  progress.start();
  try {
    progress.set('liveness', 0, addresses.length, 'Sweeping');
    const askSnmpOfAll = addresses.length <= SNMP_ALL_ADDRESSES_LIMIT;
    const snmpWanted = options.snmp.enabled && (options.snmp.communities.length > 0 || v3.length > 0);
    const askSnmp = (address: string, timeoutMs: number): void => {
      progress.addTotal('snmp', 1);
      snmpPool.add(async () => {
        const result = await querySnmp(address, {
          communities: options.snmp.communities,
          v3,
          timeoutMs,
          retries: 0,
          signal: job.signal,
        });
        progress.step('snmp', address);
        if (result.info) {
          // A refused v3 user is worth showing even when a community answered.
          update(address, { snmp: result.info, ...(result.error ? { snmpError: result.error } : {}) });
          probeHost(address);
        } else if (result.error && result.error.code !== 'SNMP_TIMEOUT') {
          // A timeout is the normal answer of a host without SNMP; anything else is worth showing.
          if (facts.has(address)) update(address, { snmpError: result.error });
          else pendingSnmpErrors.set(address, result.error);
        }
      });
    };
    // Asked during the sweep: a short timeout, since a LAN device answers in milliseconds.
    if (snmpWanted && askSnmpOfAll)
      for (const address of addresses) askSnmp(address, Math.min(speed.timeoutMs, 800));

    let alive = 0;
    const liveness = await sweep(addresses, {
      ...speed,
      signal: job.signal,
      onAlive: (address, latencyMs, via) => {
        alive += 1;
        progress.set('liveness', alive, addresses.length, `${address} is up`);
        update(
          address,
          { liveness: via, ...(latencyMs !== undefined ? { latencyMs } : {}) } as Partial<HostFacts>,
          via,
        );
        probeHost(address);
      },
    });
    notes.push(...liveness.notes);
    progress.set(
      'liveness',
      addresses.length,
      addresses.length,
      `${liveness.alive.size} hosts answered (${liveness.method})`,
    );
    progress.finish('liveness');

    if (snmpWanted && !askSnmpOfAll) {
      notes.push(
        `SNMP was asked only of live hosts: the range has more than ${SNMP_ALL_ADDRESSES_LIMIT} addresses.`,
      );
      for (const address of liveness.alive.keys()) askSnmp(address, Math.min(speed.timeoutMs, 2000));
    }
    await snmpPool.drain();
    progress.finish('snmp');
    await probes.drain();
    progress.finish('services');

    job.throwIfCancelled();
    progress.set('save', 0, 1, 'Saving the inventory');
    const hosts = [...facts.keys()]
      .map((address) => toHost(facts.get(address), before.get(address), started, now()))
      .filter((host): host is DiscoveredHost => host !== undefined);
    const result: ScanResult = {
      hostsFound: hosts.length,
      addressesScanned: addresses.length,
      durationMs: now() - started,
      livenessMethod: liveness.method,
      notes,
    };
    await deps.inventory.merge(hosts, new Set(addresses), options.targets, now(), result);
    progress.set('save', 1, 1, `${hosts.length} hosts saved`);
    progress.finish('save');
    return result;
  } finally {
    progress.stop();
    // On a cancel or a failure, nothing the scan started may outlive it.
    await Promise.allSettled([snmpPool.drain(), probes.drain()]);
  }
}

/** The host as the UI sees it: the facts so far, classified, with suggestions. */
function toHost(
  facts: HostFacts | undefined,
  before: DiscoveredHost | undefined,
  scanStarted: number,
  at: number,
): DiscoveredHost | undefined {
  if (!facts) return undefined;
  const classification = classify(facts);
  return {
    ...facts,
    classification,
    suggestions: suggestExporters(facts, classification),
    firstSeen: before?.firstSeen ?? scanStarted,
    lastSeen: at,
    seenInLastScan: true,
    ...(before?.name ? { name: before.name } : {}),
    ...(before?.notes ? { notes: before.notes } : {}),
  };
}

async function resolveV3(
  credentials: readonly SnmpV3Credential[],
  readSecret: (id: string) => Promise<string>,
): Promise<ResolvedV3Credential[]> {
  const resolved: ResolvedV3Credential[] = [];
  for (const credential of credentials) {
    try {
      const { authKeySecretId, privKeySecretId, ...rest } = credential;
      resolved.push({
        ...rest,
        ...(authKeySecretId ? { authKey: await readSecret(authKeySecretId) } : {}),
        ...(privKeySecretId ? { privKey: await readSecret(privKeySecretId) } : {}),
      });
    } catch (error) {
      if (error instanceof PromsteadError && error.code === 'NOT_FOUND') {
        throw new PromsteadError(
          'VALIDATION',
          `The key of SNMPv3 user ${credential.user} is not in the secret store any more: enter it again.`,
        );
      }
      throw error;
    }
  }
  return resolved;
}
