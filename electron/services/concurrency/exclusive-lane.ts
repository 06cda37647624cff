// Runs one job's work at a time: changes to hosts, the deployment records and the
// Prometheus config they feed must not interleave (two applies would each plan from the
// state before the other). A job that has to wait says so, and can be cancelled while it waits.
import { PromsteadError } from '@shared/contract';
import type { JobContext } from '../jobs';

export class ExclusiveLane {
  private tail: Promise<unknown> = Promise.resolve();
  private busyWith: string | undefined;

  async run<T>(what: string, job: JobContext, work: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.tail = previous.then(() => mine);
    try {
      if (this.busyWith !== undefined) job.log('info', `Waiting for ${this.busyWith} to finish.`);
      await untilDoneOrCancelled(previous, job.signal);
      this.busyWith = what;
      return await work();
    } finally {
      if (this.busyWith === what) this.busyWith = undefined;
      release();
    }
  }
}

function untilDoneOrCancelled(previous: Promise<unknown>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    void previous
      .catch(() => undefined)
      .then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
  });
}

const cancelled = (): PromsteadError =>
  new PromsteadError('CANCELLED', 'Cancelled while waiting for another deploy.');
