import { describe, expect, it } from 'vitest';
import { contract, type JobPhaseOf, type JobTopicOf } from './contract';
import { isPhaseOf, readJobEvent, readJobResult, type JobEventOf } from './job-events';
import type { JobEvent } from './jobs';

const envelope = { jobId: 'j1', seq: 4, at: 1000 };
const host = {
  address: '10.0.0.5',
  liveness: 'icmp',
  services: [],
  classification: { kind: 'unknown', confidence: 0.2, evidence: [] },
  suggestions: [],
  firstSeen: 1,
  lastSeen: 2,
  seenInLastScan: true,
};

describe('job declarations in the contract', () => {
  it('give every job its phases and topics, and only the scan streams data', () => {
    for (const [name, spec] of Object.entries(contract)) {
      if (spec.kind !== 'job') continue;
      expect(spec.phases.length, name).toBeGreaterThan(0);
    }
    expect(Object.keys(contract['discovery.scan'].topics)).toEqual(['discovery.host']);
    expect(Object.keys(contract['deploy.apply'].topics)).toEqual([]);
  });

  it('let an uninstall report the phases of the apply it runs for Prometheus', () => {
    const apply: readonly string[] = contract['deploy.apply'].phases;
    const uninstall: readonly string[] = contract['deploy.uninstall'].phases;
    expect(apply.filter((phase) => !uninstall.includes(phase))).toEqual([]);
  });

  it('make an undeclared phase or topic a compile error', () => {
    const phase: JobPhaseOf<'discovery.scan'> = 'liveness';
    // @ts-expect-error 'classify' is not a phase discovery.scan declares.
    const undeclared: JobPhaseOf<'discovery.scan'> = 'classify';
    const topic: JobTopicOf<'discovery.scan'> = 'discovery.host';
    // @ts-expect-error deploy.apply streams no data.
    const noTopic: JobTopicOf<'deploy.apply'> = 'discovery.host';
    expect([phase, undeclared, topic, noTopic]).toHaveLength(4);
  });
});

describe('readJobEvent', () => {
  it('types a declared progress phase, a topic with valid data, and a result', () => {
    const progress = readJobEvent('discovery.scan', {
      ...envelope,
      type: 'progress',
      phase: 'snmp',
      current: 1,
      total: 2,
      message: '',
    });
    expect(progress).toMatchObject({ ok: true, event: { phase: 'snmp' } });
    const data = readJobEvent('discovery.scan', {
      ...envelope,
      type: 'data',
      topic: 'discovery.host',
      data: host,
    });
    expect(data.ok && data.event.type === 'data' && data.event.data.address).toBe('10.0.0.5');
    const done = readJobEvent('diagnostics.selfTest', {
      ...envelope,
      type: 'done',
      result: { checks: [], ok: true },
    });
    expect(done.ok && done.event.type === 'done' && done.event.result.ok).toBe(true);
    expect(readJobResult('diagnostics.selfTest', { checks: [], ok: false })).toEqual({
      checks: [],
      ok: false,
    });
  });

  it('refuses a phase the job does not declare, naming the job, the event and the phase', () => {
    const reading = readJobEvent('hosts.preflight', {
      ...envelope,
      type: 'progress',
      phase: 'liveness',
      current: 0,
      total: 1,
      message: '',
    });
    expect(reading).toEqual({
      ok: false,
      problem: 'hosts.preflight job j1, event 4: phase "liveness" is not one of preflight',
    });
  });

  it('refuses data of an undeclared topic and data that does not match its schema', () => {
    const data: JobEvent = { ...envelope, type: 'data', topic: 'discovery.host', data: host };
    expect(readJobEvent('deploy.apply', data)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('topic "discovery.host" is not declared'),
    });
    expect(readJobEvent('discovery.scan', { ...data, data: { address: 5 } })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('data of "discovery.host" does not match'),
    });
  });

  it('refuses a result that is not the job output', () => {
    expect(readJobEvent('deploy.apply', { ...envelope, type: 'done', result: { nope: true } })).toMatchObject(
      {
        ok: false,
        problem: expect.stringContaining('result does not match'),
      },
    );
    expect(readJobResult('deploy.apply', 'nonsense')).toBeUndefined();
  });

  it('passes the envelope events through unchanged', () => {
    const log: JobEvent = { ...envelope, type: 'log', level: 'warn', message: 'slow' };
    const typed: JobEventOf<'deploy.apply'> | undefined = (() => {
      const reading = readJobEvent('deploy.apply', log);
      return reading.ok ? reading.event : undefined;
    })();
    expect(typed).toEqual(log);
  });
});

describe('isPhaseOf', () => {
  it("accepts the job's own phases only", () => {
    expect(isPhaseOf('discovery.scan', 'save')).toBe(true);
    expect(isPhaseOf('discovery.scan', 'apply')).toBe(false);
    expect(isPhaseOf('discovery.scan', undefined)).toBe(false);
  });
});
