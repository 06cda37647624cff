import { describe, expect, it } from 'vitest';
import {
  isAbsent,
  maxTextLength,
  oidIsUnder,
  timeticksToSeconds,
  valueToNumber,
  valueToText,
} from './snmp-values';

describe('timeticksToSeconds', () => {
  it('turns hundredths of a second into whole seconds', () => {
    expect(timeticksToSeconds(21226)).toBe(212);
    expect(timeticksToSeconds(99)).toBe(0);
    expect(timeticksToSeconds(100)).toBe(1);
  });

  it('handles the 32-bit maximum (497 days)', () => {
    expect(timeticksToSeconds(4_294_967_295)).toBe(42_949_672);
  });

  it('gives 0 for a missing or nonsensical value', () => {
    expect(timeticksToSeconds(undefined)).toBe(0);
    expect(timeticksToSeconds(-5)).toBe(0);
    expect(timeticksToSeconds(Number.NaN)).toBe(0);
  });
});

describe('isAbsent', () => {
  it.each([128, 129, 130])('treats exception type %i as absent', (type) => {
    expect(isAbsent({ oid: '1.3.6.1.2.1.1.5.0', type, value: null })).toBe(true);
  });

  it('keeps a present value, even 0 or an empty string', () => {
    expect(isAbsent({ oid: '1.3', type: 2, value: 0 })).toBe(false);
    expect(isAbsent({ oid: '1.3', type: 4, value: Buffer.alloc(0) })).toBe(false);
  });

  it('treats a missing value as absent', () => {
    expect(isAbsent({ oid: '1.3', type: 4 })).toBe(true);
  });
});

describe('valueToText', () => {
  it('decodes octet strings and strips NUL padding', () => {
    expect(valueToText(Buffer.from('DS920+\u0000\u0000'))).toBe('DS920+');
    expect(valueToText(Buffer.from('  DiskStation \n'))).toBe('DiskStation');
  });

  it('renders numbers and 64-bit counters', () => {
    expect(valueToText(2)).toBe('2');
    expect(valueToText(12345678901234567890n)).toBe('12345678901234567890');
  });

  it('bounds what a hostile agent can make us store', () => {
    expect(valueToText(Buffer.alloc(65_000, 'a'))).toHaveLength(maxTextLength);
  });

  it('gives undefined for nothing', () => {
    expect(valueToText(null)).toBeUndefined();
    expect(valueToText(undefined)).toBeUndefined();
  });
});

describe('valueToNumber', () => {
  it('reads integers and counters, not strings', () => {
    expect(valueToNumber(12)).toBe(12);
    expect(valueToNumber(7n)).toBe(7);
    expect(valueToNumber('12')).toBeUndefined();
    expect(valueToNumber(Buffer.from([1]))).toBeUndefined();
  });
});

describe('oidIsUnder', () => {
  it('matches the subtree and the node itself, with or without a leading dot', () => {
    expect(oidIsUnder('1.3.6.1.4.1.6574.1.5.1.0', '1.3.6.1.4.1.6574')).toBe(true);
    expect(oidIsUnder('.1.3.6.1.4.1.6574', '1.3.6.1.4.1.6574')).toBe(true);
  });

  it('does not match a sibling that shares a prefix of digits', () => {
    expect(oidIsUnder('1.3.6.1.4.1.65740.1', '1.3.6.1.4.1.6574')).toBe(false);
    expect(oidIsUnder('1.3.6.1.4.1.8072', '1.3.6.1.4.1.80')).toBe(false);
  });
});
