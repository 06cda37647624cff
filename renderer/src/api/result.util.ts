// Turns a Result into a value or a thrown PromsteadError, for code that prefers try/catch.
import { PromsteadError, type Result } from '@shared/contract';

export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.data;
  throw PromsteadError.from(result.error);
}

/** A line a person can read, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'Something went wrong.';
}
