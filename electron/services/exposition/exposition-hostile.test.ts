// Hostile input: whatever the bytes, a parse ends with a result or a PromsteadError, never
// another exception or a hang; pathological lines stay linear.
import { describe, expect, it } from 'vitest';
import { PromsteadError } from '@shared/contract';
import type { ExpositionFormat } from '@shared/contract';
import { parseExposition } from './index';

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const alphabet = [
  'a',
  '_',
  ':',
  '{',
  '}',
  '=',
  '"',
  ',',
  ' ',
  '\t',
  '\n',
  '\\',
  '#',
  '1',
  '.',
  'e',
  '-',
  '+',
  'I',
  'N',
  'é',
  '\r',
  'HELP ',
  'TYPE ',
  'EOF',
  'le',
  'x_total',
  '0x1p3',
];

function outcome(input: string, format: ExpositionFormat): string {
  try {
    parseExposition(input, { format, maxSeries: 10_000 });
    return 'parsed';
  } catch (error) {
    if (error instanceof PromsteadError) return error.code;
    throw error;
  }
}

describe('hostile input', () => {
  it.each(['prometheus-text', 'openmetrics'] as const)(
    '%s: 3000 random inputs each parse or fail with a PromsteadError',
    (format) => {
      const random = generator(format === 'openmetrics' ? 7 : 11);
      const codes = new Set<string>();
      for (let round = 0; round < 3000; round++) {
        let input = '';
        const length = Math.floor(random() * 60);
        for (let index = 0; index < length; index++)
          input += alphabet[Math.floor(random() * alphabet.length)] ?? '';
        if (format === 'openmetrics' && random() < 0.5) input += '\n# EOF\n';
        codes.add(outcome(input, format));
      }
      expect([...codes].every((code) => code === 'parsed' || code === 'PARSE_ERROR')).toBe(true);
    },
  );

  it('gets through pathological lines in one pass (a quadratic scan would not end within the test timeout)', () => {
    const manyLabels = Array.from({ length: 100_000 }, (_, index) => `l${index}="v"`).join(',');
    expect(outcome(`a${'{'.repeat(1_000_000)}\n`, 'prometheus-text')).toBe('PARSE_ERROR');
    expect(outcome(`a{b="${'\\'.repeat(1_000_001)}\n`, 'prometheus-text')).toBe('PARSE_ERROR');
    expect(outcome(`${'#'.repeat(1_000_000)}\n`, 'prometheus-text')).toBe('parsed');
    expect(outcome(`a{${manyLabels}} 1\n`, 'prometheus-text')).toBe('parsed');
    expect(outcome(`a{${manyLabels},l5="v"} 1\n`, 'prometheus-text')).toBe('PARSE_ERROR');
    const families = Array.from(
      { length: 9_000 },
      (_, index) => `# TYPE m${index} gauge\nm${index} 1\n`,
    ).join('');
    expect(outcome(`${families}# EOF\n`, 'openmetrics')).toBe('parsed');
    // The series limit stops a long exposition early.
    expect(outcome(`${'a 1 1\n'.repeat(200_000)}# EOF\n`, 'openmetrics')).toBe('TOO_LARGE');
  });
});
