// The one wrapper every transport goes through: look the operation up in the
// contract, validate its input, run it (or start it as a job), and return
// {ok, data} or {ok:false, error:{code, message}}. Raw exceptions never cross.
import {
  contract,
  describeZodError,
  errorText,
  PromsteadError,
  type ApiError,
  type CallName,
  type JobName,
  type OperationName,
  type OutputOf,
  type ParsedInputOf,
  type Result,
} from '@shared/contract';
import type { JobContext, JobRunner } from './jobs';
import type { Logger } from './log';

export type OperationHandlers = {
  [N in CallName]: (input: ParsedInputOf<N>) => Promise<OutputOf<N>>;
} & {
  [N in JobName]: (input: ParsedInputOf<N>, job: JobContext<N>) => Promise<OutputOf<N>>;
};

/** The handlers of one contract namespace: every `namespace.*` operation, and only those. */
export type NamespaceHandlers<Namespace extends string> = Pick<
  OperationHandlers,
  Extract<OperationName, `${Namespace}.${string}`>
>;

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(contract, name);
}

export class OperationBoundary {
  constructor(
    private readonly handlers: OperationHandlers,
    private readonly jobs: JobRunner,
    private readonly logger: Logger,
    /** Error messages may quote a command or a URL holding a secret. */
    private readonly redact: (text: string) => string = (text) => text,
  ) {}

  async invoke(name: string, rawInput: unknown, origin: string): Promise<Result<unknown>> {
    if (!isOperationName(name)) {
      return failure({ code: 'NOT_FOUND', message: `There is no operation named "${name}".` });
    }
    const spec = contract[name];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const message = `Invalid input for ${name}: ${describeZodError(parsed.error)}`;
      this.logger.log('warn', 'rejected input', { operation: name, origin, message });
      return failure({ code: 'VALIDATION', message });
    }
    try {
      if (isJobName(name)) {
        const jobId = this.startJob(name, parsed.data);
        this.logger.log('info', 'job started', { operation: name, origin, jobId });
        return { ok: true, data: { jobId } };
      }
      const handler = this.handlers[name as CallName] as (input: unknown) => Promise<unknown>;
      const data: unknown = spec.output.parse(await handler(parsed.data));
      return { ok: true, data };
    } catch (error) {
      const caught = toApiError(error);
      const apiError = { ...caught, message: this.redact(caught.message) };
      this.logger.log(apiError.code === 'INTERNAL' ? 'error' : 'warn', 'operation failed', {
        operation: name,
        origin,
        code: apiError.code,
        message: apiError.message,
        stack: apiError.code === 'INTERNAL' && error instanceof Error ? error.stack : undefined,
      });
      return failure(apiError);
    }
  }

  /** Starts a job whose input has been checked; its result is checked against the contract too. */
  private startJob<N extends JobName>(name: N, input: unknown): string {
    // The table's type pairs each name with its own handler; indexed by a generic name,
    // TypeScript only sees the union of them all, hence the cast.
    const handler = this.handlers[name] as (input: unknown, job: JobContext<N>) => Promise<OutputOf<N>>;
    return this.jobs.start(name, async (job: JobContext<N>) =>
      contract[name].output.parse(await handler(input, job)),
    );
  }
}

function isJobName(name: OperationName): name is JobName {
  return contract[name].kind === 'job';
}

function failure(error: ApiError): Result<never> {
  return { ok: false, error };
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof PromsteadError) return error.toApiError();
  const message = errorText(error);
  return { code: 'INTERNAL', message: `Unexpected error: ${message}` };
}
