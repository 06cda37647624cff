// The apply's journal: each step with how to undo it. A failure or a cancel undoes them
// newest first; every undo is tried even when an earlier one fails, and the report says
// what was restored and what could not be. journaled-apply.ts runs the steps against it.
import { errorText } from '@shared/contract';

export interface UndoStep {
  /** What undoing restores, for the report: "removed the container node_exporter". */
  restores: string;
  run: () => Promise<void>;
}

export interface RollbackReport {
  restored: string[];
  failed: { restores: string; error: string }[];
}

export class DeployJournal {
  private readonly entries: { done: string; undo: UndoStep }[] = [];

  /**
   * Records a step and its undo. Call it BEFORE the step changes the host: a change whose
   * answer was lost is undone too. So an undo works from names and states, and finding
   * nothing to undo is not a failure.
   */
  record(done: string, undo: UndoStep): void {
    this.entries.push({ done, undo });
  }

  get completed(): string[] {
    return this.entries.map((entry) => entry.done);
  }

  /** Undoes every recorded step, newest first, and empties the journal. */
  async rollback(): Promise<RollbackReport> {
    const report: RollbackReport = { restored: [], failed: [] };
    for (let entry = this.entries.pop(); entry; entry = this.entries.pop()) {
      try {
        await entry.undo.run();
        report.restored.push(entry.undo.restores);
      } catch (error) {
        report.failed.push({
          restores: entry.undo.restores,
          error: errorText(error),
        });
      }
    }
    return report;
  }

  /** After success: nothing to undo any more. */
  clear(): void {
    this.entries.length = 0;
  }
}

/** One paragraph for the job's failure message. */
export function describeRollback(report: RollbackReport): string {
  if (report.restored.length === 0 && report.failed.length === 0)
    return 'Nothing had been changed on the host.';
  const parts: string[] = [];
  if (report.restored.length > 0) parts.push(`Rolled back: ${report.restored.join('; ')}.`);
  if (report.failed.length > 0) {
    parts.push(
      `Could NOT undo: ${report.failed.map((entry) => `${entry.restores} (${entry.error})`).join('; ')}. Check the host.`,
    );
  }
  return parts.join(' ');
}
