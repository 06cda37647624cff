// Terminal output: aligned tables, a live progress line on a terminal (plain lines
// otherwise), and JSON for scripts.
import type { Writable } from 'node:stream';

export interface Output {
  json: boolean;
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean };
}

export function printJson(out: Output, value: unknown): void {
  out.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(out: Output, line = ''): void {
  out.stdout.write(`${line}\n`);
}

export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const render = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [render(headers), render(widths.map((width) => '-'.repeat(width))), ...rows.map(render)].join('\n');
}

/** One line rewritten in place on a terminal; on a pipe, a line per change of phase. */
export class ProgressLine {
  private lastPhase = '';
  private shown = false;

  constructor(private readonly out: Output) {}

  update(phase: string, current: number, total: number, message: string): void {
    if (this.out.json) return;
    const stream = this.out.stderr;
    if (stream.isTTY) {
      const width = 24;
      const filled = total > 0 ? Math.round((Math.min(current, total) / total) * width) : 0;
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
      stream.write(`\r\x1b[2K${bar} ${current}/${total} ${phase}: ${message}`.slice(0, 200));
      this.shown = true;
    } else if (phase !== this.lastPhase) {
      stream.write(`${phase}…\n`);
    }
    this.lastPhase = phase;
  }

  /** Clears the live line so the next output starts on a clean line. */
  clear(): void {
    if (this.shown && this.out.stderr.isTTY) this.out.stderr.write('\r\x1b[2K');
    this.shown = false;
  }
}

export function statusMark(status: string): string {
  return status === 'ok' ? 'ok' : status === 'warn' ? 'WARN' : status === 'missing' ? 'MISSING' : status;
}
