import { describe, expect, it } from 'vitest';
import { ageText, axisTime, clock24 } from './time-format';

describe('time format', () => {
  it('writes 24-hour times whatever the locale', () => {
    const afternoon = new Date(2026, 11, 7, 14, 3, 9).getTime();
    expect(clock24(afternoon)).toBe('14:03:09');
    expect(axisTime(afternoon, 300)).toBe('14:03:09');
    expect(axisTime(afternoon, 6 * 3600)).toBe('14:03');
    expect(axisTime(afternoon, 7 * 86_400)).toBe('12-07 14:03');
  });

  it('writes ages in the largest whole unit', () => {
    expect(ageText(0, 12_400)).toBe('12 s ago');
    expect(ageText(0, 5 * 60_000)).toBe('5 min ago');
    expect(ageText(0, 3 * 3_600_000)).toBe('3 h ago');
    expect(ageText(0, 2 * 86_400_000)).toBe('2 d ago');
    expect(ageText(1000, 0)).toBe('0 s ago');
  });
});
