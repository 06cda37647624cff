// Shared by the exposition tests: parse a string in one format, or catch the error it raises.
import { expect } from 'vitest';
import { PromsteadError } from '@shared/contract';
import type { ParsedExposition, ParsedFamily } from './exposition-types';
import { parseExposition } from './index';

export function text(input: string): ParsedExposition {
  return parseExposition(input, { format: 'prometheus-text' });
}

export function om(input: string): ParsedExposition {
  return parseExposition(input, { format: 'openmetrics' });
}

export function family(parsed: ParsedExposition, name: string): ParsedFamily {
  const found = parsed.families.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no family ${name} in ${parsed.families.map((each) => each.name).join(', ')}`);
  return found;
}

/** The PARSE_ERROR (or other PromsteadError) a parse raises; fails the test when it parses. */
export function failure(parse: () => unknown): PromsteadError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(PromsteadError);
    return error as PromsteadError;
  }
  throw new Error('expected the input to be refused, but it parsed');
}

export function parseFailure(parse: () => unknown): string {
  const error = failure(parse);
  expect(error.code).toBe('PARSE_ERROR');
  return error.message;
}
