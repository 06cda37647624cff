// Progress of a scan whose phases overlap (SNMP runs while the sweep goes on, hosts are
// probed as soon as they answer): reported on a steady tick as the earliest phase that
// is not finished, so the events stay few and in order.
import { scanPhases, type ScanPhase } from '@shared/contract';
import type { JobContext } from '../jobs';

interface PhaseCount {
  done: number;
  total: number;
  message: string;
  finished: boolean;
  reported: boolean;
}

export class ScanProgress {
  private readonly phases = new Map<ScanPhase, PhaseCount>(
    scanPhases.map((phase) => [phase, { done: 0, total: 0, message: '', finished: false, reported: false }]),
  );
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly job: JobContext<'discovery.scan'>,
    private readonly tickMs = 150,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => this.report(), this.tickMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  set(phase: ScanPhase, done: number, total: number, message = ''): void {
    const count = this.phases.get(phase);
    if (count) Object.assign(count, { done, total, message: message || count.message });
  }

  step(phase: ScanPhase, message = ''): void {
    const count = this.phases.get(phase);
    if (count) Object.assign(count, { done: count.done + 1, message: message || count.message });
  }

  addTotal(phase: ScanPhase, more: number): void {
    const count = this.phases.get(phase);
    if (count) count.total += more;
  }

  /**
   * Marks a phase finished. Its final count is reported once every earlier phase has
   * finished too, so the phases a listener sees only ever move forward.
   */
  finish(phase: ScanPhase, message?: string): void {
    const count = this.phases.get(phase);
    if (!count) return;
    count.finished = true;
    if (message) count.message = message;
    for (const candidate of scanPhases) {
      const state = this.phases.get(candidate);
      if (!state?.finished) break;
      if (state.reported) continue;
      state.reported = true;
      this.job.progress(candidate, state.done, state.total, state.message);
    }
  }

  private report(): void {
    const current = scanPhases.find((phase) => !this.phases.get(phase)?.finished);
    const count = current ? this.phases.get(current) : undefined;
    if (current && count) this.job.progress(current, count.done, count.total, count.message);
  }
}
