import { describe, expect, it } from 'vitest';
import { isPrometheusDuration, parsePrometheusDuration } from './duration';

describe('parsePrometheusDuration', () => {
  it('reads single and compound units', () => {
    expect(parsePrometheusDuration('15s')).toBe(15_000);
    expect(parsePrometheusDuration('1m30s')).toBe(90_000);
    expect(parsePrometheusDuration('2h')).toBe(7_200_000);
    expect(parsePrometheusDuration('500ms')).toBe(500);
    expect(parsePrometheusDuration('1d12h')).toBe(129_600_000);
    expect(parsePrometheusDuration('0')).toBe(0);
  });

  it('rejects what Prometheus rejects', () => {
    for (const bad of ['', '15', '1.5m', '30s1m', '-5s', '5 s', '5S', '1m; rm -rf /', 's']) {
      expect(isPrometheusDuration(bad), bad).toBe(false);
    }
  });
});
