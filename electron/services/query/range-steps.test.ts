// The steps `promstead query --range` picks and the ones a too-fine range is told to use.
import { describe, expect, it } from 'vitest';
import { PromsteadError } from '@shared/contract';
import { checkRangeResolution, defaultStepSeconds, formatStep } from './range-steps';

describe('range steps', () => {
  it('draws about 250 points with a step a person would pick', () => {
    expect(defaultStepSeconds(3_600_000)).toBe(15);
    expect(defaultStepSeconds(86_400_000)).toBe(600);
    expect(defaultStepSeconds(7 * 86_400_000)).toBe(3600);
    expect(defaultStepSeconds(60_000)).toBe(1);
    expect(defaultStepSeconds(365 * 86_400_000)).toBe(2 * 86_400);
  });

  it('writes steps as Prometheus durations', () => {
    expect(formatStep(90)).toBe('1m30s');
    expect(formatStep(0.25)).toBe('250ms');
    expect(formatStep(86_400 + 3600)).toBe('1d1h');
  });

  it("refuses by Prometheus's own rule: exactly 11,000 steps is allowed, one more is not", () => {
    expect(() => checkRangeResolution(0, 11_000_000, 1)).not.toThrow();
    let refusal: unknown;
    try {
      checkRangeResolution(0, 11_001_000, 1);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(PromsteadError);
    expect((refusal as PromsteadError).message).toBe(
      'A step of 1s over 3h3m21s gives 11,002 points per series; Prometheus serves at most 11,000. Use a step of 2s or more, or a shorter range.',
    );
  });
});
