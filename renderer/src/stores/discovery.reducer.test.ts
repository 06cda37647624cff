import type { JobSummary, ScanResult } from '@shared/contract';
import { describe, expect, it } from 'vitest';
import { jobEvents, makeHost, type EventBody } from './discovery.fixtures';
import {
  applyDiscoveryEvent,
  applyDiscoverySnapshot,
  applyInventory,
  beginStart,
  initialDiscoveryData,
  scanStarted,
  startFailed,
  upsertHost,
  type DiscoveryData,
} from './discovery.reducer';

const result: ScanResult = {
  hostsFound: 2,
  addressesScanned: 254,
  durationMs: 8000,
  livenessMethod: 'tcp',
  notes: ['ICMP not permitted: liveness by TCP connect, hosts shown as up (tcp)'],
};

function following(jobId = 'scan-1'): DiscoveryData {
  return scanStarted(beginStart(initialDiscoveryData()), jobId, 100);
}

function apply(data: DiscoveryData, events: ReturnType<typeof jobEvents>): DiscoveryData {
  return events.reduce(applyDiscoveryEvent, data);
}

describe('hosts by address', () => {
  it('adds a host under its address', () => {
    const hosts = upsertHost({}, makeHost('10.0.0.2'));
    expect(Object.keys(hosts)).toEqual(['10.0.0.2']);
  });

  it('replaces a host reported again, keeping the name, notes and first-seen time it lacks', () => {
    const before = upsertHost({}, makeHost('10.0.0.2', { name: 'nas', notes: 'attic', firstSeen: 10 }));
    const later = makeHost('10.0.0.2', {
      liveness: 'tcp',
      firstSeen: 500,
      classification: { kind: 'nas', confidence: 0.9, evidence: ['sysObjectID → Synology'] },
    });
    const host = upsertHost(before, later)['10.0.0.2'];
    expect(host).toMatchObject({ liveness: 'tcp', name: 'nas', notes: 'attic', firstSeen: 10 });
    expect(host?.classification.kind).toBe('nas');
  });

  it('streams hosts of the followed scan in, replacing by address on later data', () => {
    const data = apply(
      following(),
      jobEvents('scan-1', [
        { type: 'started', operation: 'discovery.scan' },
        { type: 'data', topic: 'discovery.host', data: makeHost('10.0.0.5') },
        { type: 'data', topic: 'discovery.host', data: makeHost('10.0.0.7') },
        {
          type: 'data',
          topic: 'discovery.host',
          data: makeHost('10.0.0.5', { services: [{ port: 22, service: 'ssh' }] }),
        },
      ]),
    );
    expect(Object.keys(data.hosts).sort()).toEqual(['10.0.0.5', '10.0.0.7']);
    expect(data.hosts['10.0.0.5']?.services).toEqual([{ port: 22, service: 'ssh' }]);
    expect(Object.keys(data.scan?.found ?? {})).toHaveLength(2);
  });

  it('does not apply malformed host data or data of an undeclared topic, and keeps what was wrong', () => {
    const data = apply(
      following(),
      jobEvents('scan-1', [
        { type: 'data', topic: 'discovery.host', data: { address: '10.0.0.9' } },
        // A topic discovery.scan does not declare, as a newer or broken server might send.
        { type: 'data', topic: 'something.else', data: makeHost('10.0.0.9') } as unknown as EventBody,
      ]),
    );
    expect(data.hosts).toEqual({});
    expect(data.scan?.lastSeq).toBe(1);
    expect(data.scan?.problems).toEqual([
      expect.stringMatching(/event 0: data of "discovery\.host" does not match/),
      expect.stringMatching(/event 1: topic "something\.else" is not declared/),
    ]);
  });

  it('takes the saved inventory, keeping what the running scan has reported since', () => {
    const streamed = apply(
      following(),
      jobEvents('scan-1', [
        { type: 'data', topic: 'discovery.host', data: makeHost('10.0.0.5', { liveness: 'tcp' }) },
      ]),
    );
    const inventory = {
      targets: ['10.0.0.0/24'],
      hosts: [makeHost('10.0.0.5', { name: 'pi' }), makeHost('10.0.0.6', { seenInLastScan: false })],
    };
    const data = applyInventory(streamed, inventory);
    expect(data.hosts['10.0.0.5']).toMatchObject({ liveness: 'tcp', name: 'pi' });
    expect(data.hosts['10.0.0.6']?.seenInLastScan).toBe(false);
  });
});

describe('the followed scan', () => {
  it('keeps the latest count of each phase, and the current phase', () => {
    const data = apply(
      following(),
      jobEvents('scan-1', [
        { type: 'progress', phase: 'resolve', current: 1, total: 1, message: '254 addresses' },
        { type: 'progress', phase: 'liveness', current: 40, total: 254, message: '' },
        { type: 'progress', phase: 'liveness', current: 120, total: 254, message: '10.0.0.9 is up' },
        { type: 'progress', phase: 'snmp', current: 6, total: 6, message: '' },
      ]),
    );
    expect(data.scan?.phase).toBe('snmp');
    expect(data.scan?.phases).toEqual({
      resolve: { current: 1, total: 1, message: '254 addresses' },
      liveness: { current: 120, total: 254, message: '10.0.0.9 is up' },
      snmp: { current: 6, total: 6, message: '' },
    });
  });

  it('ignores the events of other jobs, repeated events, and events after the end', () => {
    const [progress, done] = jobEvents('scan-1', [
      { type: 'progress', phase: 'liveness', current: 10, total: 254, message: '' },
      { type: 'done', result },
    ]);
    const others = jobEvents('self-test', [
      { type: 'progress', phase: 'checking', current: 1, total: 5, message: '' },
      { type: 'data', topic: 'discovery.host', data: makeHost('10.9.9.9') },
      { type: 'failed', error: { code: 'INTERNAL', message: 'boom' } },
    ]);
    const late = jobEvents(
      'scan-1',
      [{ type: 'data', topic: 'discovery.host', data: makeHost('10.0.0.3') }],
      9,
    );
    const data = apply(following(), [progress!, ...others, progress!, done!, ...late]);
    expect(data.scan).toMatchObject({ state: 'done', phase: 'liveness', lastSeq: 1 });
    expect(data.scan?.phases).toEqual({ liveness: { current: 10, total: 254, message: '' } });
    expect(data.hosts).toEqual({});
    expect(data.lastResult).toEqual(result);
  });

  it('keeps the error of a failed scan and the message of a cancelled one', () => {
    const failed = apply(
      following(),
      jobEvents('scan-1', [
        { type: 'failed', error: { code: 'VALIDATION', message: 'targets: 10.0.0.0/8 is too large' } },
      ]),
    );
    expect(failed.scan).toMatchObject({ state: 'failed', error: { code: 'VALIDATION' } });
    const cancelled = apply(
      following(),
      jobEvents('scan-1', [{ type: 'cancelled', message: 'The job was cancelled.' }]),
    );
    expect(cancelled.scan).toMatchObject({ state: 'cancelled', message: 'The job was cancelled.' });
  });

  it('holds events that arrive before the job id, then replays those of its job in order', () => {
    const events = jobEvents('scan-1', [
      { type: 'started', operation: 'discovery.scan' },
      { type: 'data', topic: 'discovery.host', data: makeHost('10.0.0.5') },
      { type: 'progress', phase: 'liveness', current: 1, total: 254, message: '' },
    ]);
    const stranger = jobEvents('scan-0', [
      { type: 'data', topic: 'discovery.host', data: makeHost('10.0.0.66') },
    ]);
    let data = beginStart(initialDiscoveryData());
    for (const event of [events[2]!, ...stranger, events[0]!, events[1]!])
      data = applyDiscoveryEvent(data, event);
    expect(data.hosts).toEqual({});
    data = scanStarted(data, 'scan-1', 100);
    expect(Object.keys(data.hosts)).toEqual(['10.0.0.5']);
    expect(data.scan).toMatchObject({ jobId: 'scan-1', phase: 'liveness', lastSeq: 2 });
    expect(data.early).toEqual([]);
  });

  it('forgets held events when the scan could not start', () => {
    const held = applyDiscoveryEvent(
      beginStart(initialDiscoveryData()),
      jobEvents('x', [{ type: 'done', result }])[0]!,
    );
    const data = startFailed(held, { code: 'VALIDATION', message: 'targets: Too small' });
    expect(data).toMatchObject({ starting: false, early: [], startError: { code: 'VALIDATION' } });
  });

  it('follows a scan started elsewhere when none runs here', () => {
    const data = apply(
      initialDiscoveryData(),
      jobEvents('scan-9', [
        { type: 'started', operation: 'discovery.scan' },
        { type: 'progress', phase: 'liveness', current: 3, total: 10, message: '' },
      ]),
    );
    expect(data.scan).toMatchObject({ jobId: 'scan-9', state: 'running', phase: 'liveness' });
    const busy = apply(data, jobEvents('scan-10', [{ type: 'started', operation: 'discovery.scan' }]));
    expect(busy.scan?.jobId).toBe('scan-9');
  });
});

describe('jobs.list snapshots', () => {
  const summary = (change: Partial<JobSummary>): JobSummary => ({
    jobId: 'scan-1',
    operation: 'discovery.scan',
    state: 'running',
    startedAt: 50,
    log: [],
    logDropped: 0,
    ...change,
  });

  it('ends the followed scan when its end was missed', () => {
    const data = applyDiscoverySnapshot(following(), [summary({ state: 'done', result })], 200);
    expect(data.scan?.state).toBe('done');
    expect(data.lastResult).toEqual(result);
  });

  it('does not move the progress back to an earlier phase', () => {
    const running = apply(
      following(),
      jobEvents('scan-1', [{ type: 'progress', phase: 'snmp', current: 2, total: 6, message: '' }]),
    );
    const data = applyDiscoverySnapshot(
      running,
      [summary({ phase: 'liveness', current: 5, total: 254 })],
      200,
    );
    expect(data.scan?.phase).toBe('snmp');
  });

  it('closes a followed scan the server no longer knows', () => {
    const data = applyDiscoverySnapshot(following(), [], 200);
    expect(data.scan?.state).toBe('cancelled');
  });

  it('picks up the newest scan after a reload, with its result', () => {
    const data = applyDiscoverySnapshot(
      initialDiscoveryData(),
      [summary({ jobId: 'other', operation: 'diagnostics.selfTest' }), summary({ state: 'done', result })],
      200,
    );
    expect(data.scan).toMatchObject({ jobId: 'scan-1', state: 'done' });
    expect(data.lastResult?.notes).toEqual(result.notes);
    const running = applyDiscoverySnapshot(
      initialDiscoveryData(),
      [summary({ phase: 'snmp', current: 1, total: 6 })],
      200,
    );
    expect(running.scan).toMatchObject({ state: 'running', phase: 'snmp' });
  });

  it('does not bring back an old failure, or a finished scan whose result is gone', () => {
    const failed = summary({ state: 'failed', error: { code: 'VALIDATION', message: 'targets: Too small' } });
    expect(applyDiscoverySnapshot(initialDiscoveryData(), [failed], 200).scan).toBeUndefined();
    expect(
      applyDiscoverySnapshot(initialDiscoveryData(), [summary({ state: 'done' })], 200).scan,
    ).toBeUndefined();
  });
});
