// Runs one job's work at a time: changes to hosts, the deployment records and the
// Prometheus config they feed must not interleave (two applies would each plan from the
// state before the other). A job that has to wait says so, and can be cancelled while it waits.
import { PromsteadError } from '@shared/contract';
import { Semaphore } from './semaphore';

/** What the lane needs of a job (a JobContext has both): its cancel signal and its log. */
export interface LaneJob {
  readonly signal: AbortSignal;
  log(level: 'info', message: string): void;
}

export class ExclusiveLane {
  // A semaphore of one: its queue serves the waiting jobs in the order they came.
  private readonly turn = new Semaphore(1);
  private busyWith: string | undefined;

  async run<T>(what: string, job: LaneJob, work: () => Promise<T>): Promise<T> {
    let release: (() => void) | undefined;
    try {
      if (this.busyWith !== undefined) job.log('info', `Waiting for ${this.busyWith} to finish.`);
      release = await this.turn.acquire(job.signal).catch(() => {
        throw cancelled();
      });
      this.busyWith = what;
      return await work();
    } finally {
      if (this.busyWith === what) this.busyWith = undefined;
      release?.();
    }
  }
}

const cancelled = (): PromsteadError =>
  new PromsteadError('CANCELLED', 'Cancelled while waiting for another deploy.');
