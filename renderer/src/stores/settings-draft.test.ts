import { defaultSettings } from '@shared/contract';
import { describe, expect, it } from 'vitest';
import { applyPatch, draftToPatch, fieldErrorsFrom, toDraft } from './settings-draft';

describe('settings draft', () => {
  it('round-trips settings through the form', () => {
    const settings = { ...defaultSettings(), registryMirror: 'registry.lan:5000' };
    expect(applyPatch(defaultSettings(), draftToPatch(toDraft(settings)))).toEqual(settings);
  });

  it('sends an empty number box as NaN so the server names the field', () => {
    const draft = { ...toDraft(defaultSettings()), retries: ' ' };
    expect(draftToPatch(draft).scan?.retries).toBeNaN();
  });

  it('merges a partial scan patch without losing the other scan fields', () => {
    const next = applyPatch(defaultSettings(), { scan: { retries: 3 } });
    expect(next.scan).toEqual({ ...defaultSettings().scan, retries: 3 });
  });

  it('shows the scrape size limit in MiB and sends it in bytes', () => {
    const draft = toDraft(defaultSettings());
    expect(draft.maxScrapeMiB).toBe('64');
    expect(draftToPatch({ ...draft, maxScrapeMiB: '0.5' }).metrics?.maxScrapeBytes).toBe(512 * 1024);
    expect(fieldErrorsFrom('metrics.maxSeries: Too small: expected number to be >=1000')).toEqual({
      maxSeries: 'Too small: expected number to be >=1000',
    });
  });

  it('maps validation messages to fields by path', () => {
    const message =
      'scan.timeoutMs: Too small: expected number to be >=100; registryMirror: must be a registry host such as registry.lan:5000';
    expect(fieldErrorsFrom(message)).toEqual({
      timeoutMs: 'Too small: expected number to be >=100',
      registryMirror: 'must be a registry host such as registry.lan:5000',
    });
  });

  it('finds a path after a prefix but not inside a longer name', () => {
    expect(fieldErrorsFrom('Invalid input: scan.retries: Too big')).toEqual({ retries: 'Too big' });
    expect(fieldErrorsFrom('xscan.retries: nope; input: Unrecognized key "colour"')).toEqual({});
  });
});
