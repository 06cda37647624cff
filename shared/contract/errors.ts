// One error-code union for every side. Codes are stable identifiers a script can
// branch on; messages are for a person and say what to do next.
import { z } from 'zod';

export const errorCodes = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'CANCELLED',
  'TIMEOUT',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'STATE_CORRUPT',
  'SECRET_UNAVAILABLE',
  'ICMP_NOT_PERMITTED',
  'DOCKER_UNREACHABLE',
  'SSH_AUTH_FAILED',
  'SSH_UNREACHABLE',
  /** First contact: the host key is shown for confirmation before it is pinned. */
  'HOST_KEY_UNKNOWN',
  'HOST_KEY_MISMATCH',
  'DOCKER_PERMISSION_DENIED',
  /** A deployed exporter did not answer with its proof metrics; the deploy was rolled back. */
  'VERIFICATION_FAILED',
  /** A tool Promstead runs (promtool, say) is not installed on this machine. */
  'TOOL_UNAVAILABLE',
  'SNMP_TIMEOUT',
  'TRANSPORT',
  /** Text that is not a valid exposition: the message names the line, column and what was expected. */
  'PARSE_ERROR',
  /** A scrape answered with something other than the Prometheus text format or OpenMetrics. */
  'NOT_EXPOSITION',
  /** A scrape body or series count over the configured limit. */
  'TOO_LARGE',
  'CONNECTION_REFUSED',
  /** A TLS handshake failed: unknown CA, a pinned fingerprint that differs, a name mismatch. */
  'TLS_FAILED',
  /** Prometheus refused a query; the message is the server's. */
  'QUERY_ERROR',
  'INTERNAL',
] as const;

export const ErrorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ApiErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  details: z.unknown().optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** The error every side throws and rebuilds; it carries a code from the union. */
export class PromsteadError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'PromsteadError';
    this.code = code;
    this.details = details;
  }

  toApiError(): ApiError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static from(error: ApiError): PromsteadError {
    return new PromsteadError(error.code, error.message, error.details);
  }
}

export function isPromsteadError(value: unknown): value is PromsteadError {
  return value instanceof PromsteadError;
}

/** Turns a zod failure into one readable line per problem, naming the field. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

/** The message of anything thrown: an Error's message, else its text. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
