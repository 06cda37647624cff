// Builds a PromsteadApi from the operation table, so a transport only says how one
// operation travels; nobody writes a method per operation.
import {
  operationNames,
  splitOperationName,
  type JobEvent,
  type OperationName,
  type PromsteadApi,
  type Result,
} from '@shared/contract';

export type Invoke = (name: OperationName, input: unknown) => Promise<Result<unknown>>;
export type SubscribeJobEvents = (listener: (event: JobEvent) => void) => () => void;

type LooseMethod = (input?: unknown) => Promise<Result<unknown>>;

export function buildApi(invoke: Invoke, onJobEvent: SubscribeJobEvents): PromsteadApi {
  const namespaces: Record<string, Record<string, LooseMethod>> = {};
  for (const name of operationNames) {
    const [namespace, method] = splitOperationName(name);
    (namespaces[namespace] ??= {})[method] = (input) => invoke(name, input);
  }
  // The table is walked at run time, so the compiler cannot see that every method is
  // there; http-api.transport.test.ts checks the shape against operationNames.
  return { ...namespaces, onJobEvent } as unknown as PromsteadApi;
}
