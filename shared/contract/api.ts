// The shape of window.api and of every client built from the contract:
// `api.settings.update(patch)` for `settings.update`, and one job-event subscription.
import type { InputOf, OperationName, ResponseOf } from './contract';
import type { Result } from './errors';
import type { JobEvent } from './jobs';

type Namespace = OperationName extends `${infer A}.${string}` ? A : never;

export type ApiMethod<N extends OperationName> = (input?: InputOf<N>) => Promise<Result<ResponseOf<N>>>;

export type PromsteadApi = {
  [A in Namespace]: {
    [N in OperationName as N extends `${A}.${infer M}` ? M : never]: ApiMethod<N>;
  };
} & {
  /** Subscribe to every job event; returns the unsubscribe function. */
  onJobEvent(listener: (event: JobEvent) => void): () => void;
};
