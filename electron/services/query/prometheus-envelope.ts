// Prometheus's answer envelope, `{status, data, warnings}` or `{status:"error", errorType,
// error}`: the data and warnings of a success, or a PromsteadError that keeps the server's
// own words (a PromQL syntax error is the server's to explain).
import { z } from 'zod';
import { PromsteadError } from '@shared/contract';

export interface Envelope {
  data: unknown;
  warnings: string[];
}

const EnvelopeSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('success'),
    data: z.unknown(),
    warnings: z.array(z.string()).optional(),
  }),
  z.object({
    status: z.literal('error'),
    errorType: z.string().optional(),
    error: z.string(),
    warnings: z.array(z.string()).optional(),
  }),
]);

function snippet(body: string): string {
  const text = body.trim().replace(/\s+/g, ' ');
  return text.length > 120 ? `${text.slice(0, 120)}…` : text || '(empty)';
}

/**
 * The envelope of an answer to `path`. 401 and 403 are said plainly whatever the body;
 * anything that is not the envelope (an exporter's 404 page, a proxy's login form) names
 * the server, so a wrong address is recognised as one.
 */
export function readEnvelope(
  answer: { status: number; body: string },
  serverName: string,
  path: string,
): Envelope {
  if (answer.status === 401)
    throw new PromsteadError(
      'UNAUTHORIZED',
      `${serverName} wants credentials it accepts (HTTP 401): give a username and password, or a bearer token.`,
    );
  if (answer.status === 403)
    throw new PromsteadError(
      'FORBIDDEN',
      `${serverName} refused ${path.split('?')[0] ?? path} to these credentials (HTTP 403).`,
    );
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    json = undefined;
  }
  const parsed = EnvelopeSchema.safeParse(json);
  if (!parsed.success && answer.status === 503) {
    // Prometheus answers every API path so while it starts (replaying its write-ahead log).
    throw new PromsteadError(
      'TRANSPORT',
      `${serverName} is not ready (HTTP 503): it may still be starting; try again in a moment.`,
      { httpStatus: answer.status },
    );
  }
  if (!parsed.success) {
    throw new PromsteadError(
      'TRANSPORT',
      `${serverName} answered ${path.split('?')[0] ?? path} with HTTP ${answer.status} and not Prometheus's API JSON: ${snippet(answer.body)}. Is that address a Prometheus server?`,
      { httpStatus: answer.status },
    );
  }
  const envelope = parsed.data;
  if (envelope.status === 'error') {
    throw new PromsteadError('QUERY_ERROR', envelope.error, {
      errorType: envelope.errorType ?? '',
      httpStatus: answer.status,
      ...(envelope.warnings?.length ? { warnings: envelope.warnings } : {}),
    });
  }
  return { data: envelope.data, warnings: envelope.warnings ?? [] };
}

/** The data of a success, checked against the shape this endpoint promises. */
export function readData<T>(envelope: Envelope, schema: z.ZodType<T>, serverName: string, path: string): T {
  const parsed = schema.safeParse(envelope.data);
  if (parsed.success) return parsed.data;
  const problem = parsed.error.issues[0];
  throw new PromsteadError(
    'TRANSPORT',
    `${serverName} answered ${path.split('?')[0] ?? path} with data Promstead does not understand (${problem ? `${problem.path.join('.')}: ${problem.message}` : 'unknown shape'}).`,
  );
}
