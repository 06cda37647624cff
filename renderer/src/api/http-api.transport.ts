// Browser mode: each operation is a POST to /api/op/<name>; the server always answers
// with a Result JSON, so anything else is reported as a TRANSPORT error, never thrown.
import { ApiErrorSchema, type OperationName, type PromsteadApi, type Result } from '@shared/contract';
import { buildApi, type Invoke, type SubscribeJobEvents } from './build-api';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface HttpApiOptions {
  /** Subscribes to job events (the WebSocket in practice). */
  events: SubscribeJobEvents;
  fetch?: FetchLike;
}

export const unauthorizedMessage =
  "This page's session token is not valid: open the URL printed by `promstead serve` again.";

export function createHttpApi(options: HttpApiOptions): PromsteadApi {
  // Calling fetch detached from window throws "Illegal invocation" in browsers.
  const fetchImpl = options.fetch ?? ((url, init) => fetch(url, init));
  return buildApi(createHttpInvoke(fetchImpl), options.events);
}

export function createHttpInvoke(fetchImpl: FetchLike): Invoke {
  return async (name: OperationName, input: unknown): Promise<Result<unknown>> => {
    let response: Response;
    try {
      response = await fetchImpl(`/api/op/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return transportError(
        `Could not reach the Promstead server (${reason}). Is \`promstead serve\` still running?`,
      );
    }
    if (response.status === 401)
      return { ok: false, error: { code: 'UNAUTHORIZED', message: unauthorizedMessage } };
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return transportError(
        `The server answered ${name} with something that is not JSON (HTTP ${response.status}).`,
      );
    }
    if (isResult(body)) return body;
    return transportError(`The server answered ${name} with an unexpected shape (HTTP ${response.status}).`);
  };
}

function transportError(message: string): Result<never> {
  return { ok: false, error: { code: 'TRANSPORT', message } };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  if (record.ok === true) return 'data' in record;
  if (record.ok === false) return ApiErrorSchema.safeParse(record.error).success;
  return false;
}
