// Everything one host's probe opens is registered here, so a cancel destroys every
// socket and request at once instead of leaving each to run into its own timeout.
import { PromsteadError } from '@shared/contract';

/** A socket, TLS socket or HTTP request: anything that can be torn down and says when it closed. */
export interface Closable {
  destroy(): unknown;
  once(event: 'close', listener: () => void): unknown;
}

export class ProbeScope {
  private readonly open = new Set<Closable>();
  private readonly waiting = new Set<(error: PromsteadError) => void>();
  private readonly onAbort = (): void => {
    for (const resource of this.open) resource.destroy();
    this.open.clear();
    const error = cancelledError(this.signal);
    for (const reject of this.waiting) reject(error);
    this.waiting.clear();
  };

  constructor(readonly signal: AbortSignal) {
    // One listener per host, not one per socket or request: a scan shares its signal
    // across every host it probes at once, and each listener on it counts.
    signal.addEventListener('abort', this.onAbort, { once: true });
  }

  get aborted(): boolean {
    return this.signal.aborted;
  }

  /** Registers a resource; one opened after the cancel is destroyed at once. */
  track<T extends Closable>(resource: T): T {
    if (this.signal.aborted) {
      resource.destroy();
      return resource;
    }
    this.open.add(resource);
    resource.once('close', () => this.open.delete(resource));
    return resource;
  }

  /** The work's outcome, or CANCELLED the moment the signal aborts, without waiting for it to wind down. */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.signal.aborted) return Promise.reject(cancelledError(this.signal));
    return new Promise((resolve, reject) => {
      this.waiting.add(reject);
      work.then(resolve, reject).finally(() => this.waiting.delete(reject));
    });
  }

  dispose(): void {
    this.signal.removeEventListener('abort', this.onAbort);
  }
}

/** The error a cancelled probe rejects with: the job's own reason when it gave one. */
export function cancelledError(signal: AbortSignal): PromsteadError {
  return signal.reason instanceof PromsteadError
    ? signal.reason
    : new PromsteadError('CANCELLED', 'The probe was cancelled.');
}
