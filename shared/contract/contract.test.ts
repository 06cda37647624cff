import { describe, expect, it } from 'vitest';
import { contract } from './contract';
import { JobEventSchema } from './jobs';
import { operationKinds, operationNames, splitOperationName } from './operation-kinds';
import { SettingsPatchSchema, SettingsSchema, defaultSettings } from './settings';

describe('the contract', () => {
  it('lists the same operations, with the same kinds, as the schema-free table the preload uses', () => {
    expect(Object.keys(contract).sort()).toEqual([...operationNames].sort());
    for (const name of operationNames) expect(contract[name].kind).toBe(operationKinds[name]);
  });

  it('names every operation namespace.method', () => {
    for (const name of operationNames) {
      const [namespace, method] = splitOperationName(name);
      expect(namespace).toMatch(/^[a-z]+$/);
      expect(method).toMatch(/^[a-z][A-Za-z]+$/);
    }
  });

  it('accepts empty input for operations without parameters, and refuses unknown fields', () => {
    expect(contract['app.info'].input.parse(undefined)).toEqual({});
    expect(contract['jobs.list'].input.safeParse({ extra: 1 }).success).toBe(false);
  });

  it('validates jobs.cancel input', () => {
    expect(contract['jobs.cancel'].input.safeParse({ jobId: 'abc' }).success).toBe(true);
    expect(contract['jobs.cancel'].input.safeParse({}).success).toBe(false);
    expect(contract['jobs.cancel'].input.safeParse({ jobId: '' }).success).toBe(false);
    expect(contract['jobs.cancel'].input.safeParse({ jobId: 'x'.repeat(101) }).success).toBe(false);
  });

  it('bounds the self-test repeat and interval', () => {
    const input = contract['diagnostics.selfTest'].input;
    expect(input.parse({})).toEqual({ repeat: 1, intervalMs: 0 });
    expect(input.safeParse({ repeat: 0 }).success).toBe(false);
    expect(input.safeParse({ repeat: 101 }).success).toBe(false);
    expect(input.safeParse({ intervalMs: 10_001 }).success).toBe(false);
    expect(input.safeParse({ repeat: 1.5 }).success).toBe(false);
  });
});

describe('settings', () => {
  it('fills every field of an empty or old file with defaults', () => {
    expect(SettingsSchema.parse({})).toEqual(defaultSettings());
    expect(SettingsSchema.parse({ scan: { retries: 3 } }).scan).toEqual({
      timeoutMs: 1000,
      retries: 3,
      packetsPerSecond: 200,
    });
  });

  it('refuses hostile or out-of-range patches', () => {
    for (const patch of [
      { scan: { timeoutMs: 5 } },
      { scan: { packetsPerSecond: 1e9 } },
      { theme: 'neon' },
      { registryMirror: 'http://evil; rm -rf /' },
      { registryMirror: '$(reboot)' },
      { unknownField: true },
    ]) {
      expect(SettingsPatchSchema.safeParse(patch).success, JSON.stringify(patch)).toBe(false);
    }
    expect(SettingsPatchSchema.safeParse({ registryMirror: 'registry.lan:5000' }).success).toBe(true);
  });
});

describe('job events', () => {
  it('parses each event type and refuses an unknown one', () => {
    const base = { jobId: 'j', seq: 0, at: 1 };
    const progress = { ...base, type: 'progress', current: 1, total: 2, message: '' };
    expect(JobEventSchema.safeParse({ ...progress, phase: 'liveness' }).success).toBe(true);
    // Only phases some job declares travel on the wire.
    expect(JobEventSchema.safeParse({ ...progress, phase: 'classify' }).success).toBe(false);
    expect(
      JobEventSchema.safeParse({ ...base, type: 'failed', error: { code: 'INTERNAL', message: 'x' } })
        .success,
    ).toBe(true);
    expect(
      JobEventSchema.safeParse({ ...base, type: 'failed', error: { code: 'MADE_UP', message: 'x' } }).success,
    ).toBe(false);
    expect(JobEventSchema.safeParse({ ...base, type: 'exploded' }).success).toBe(false);
  });
});
