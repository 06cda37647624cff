import { describe, expect, it } from 'vitest';
import { counterIncrease, counterRate } from './counter-rate';

describe('counterRate', () => {
  it('is the increase per second between two scrapes', () => {
    expect(counterRate({ at: 1000, value: 100 }, { at: 3000, value: 300 })).toBe(100);
  });

  it('treats a fall as a restart that counted up from zero', () => {
    expect(counterRate({ at: 0, value: 1000 }, { at: 2000, value: 40 })).toBe(20);
    expect(counterIncrease(1000, 40)).toBe(40);
  });

  it('has no rate without an earlier point, time between, or numbers', () => {
    expect(counterRate(undefined, { at: 1000, value: 5 })).toBeNull();
    expect(counterRate({ at: 1000, value: 1 }, { at: 1000, value: 5 })).toBeNull();
    expect(counterRate({ at: 2000, value: 1 }, { at: 1000, value: 5 })).toBeNull();
    expect(counterRate({ at: 0, value: NaN }, { at: 1000, value: 5 })).toBeNull();
    expect(counterRate({ at: 0, value: 1 }, { at: 1000, value: Infinity })).toBeNull();
  });
});
