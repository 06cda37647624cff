// A small JSON-lines log in the data folder, redacted before anything is written,
// rotated at a size bound so it never grows without limit.
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

export class FileLogger implements Logger {
  constructor(
    private readonly file: string,
    private readonly redactValue: <T>(value: T) => T,
    private readonly maxBytes = 1024 * 1024,
  ) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  }

  log(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
    const line = JSON.stringify(
      this.redactValue({ at: new Date().toISOString(), level, message, ...fields }),
    );
    try {
      if (this.sizeOf() > this.maxBytes) renameSync(this.file, `${this.file}.1`);
      appendFileSync(this.file, `${line}\n`, { mode: 0o600 });
    } catch {
      // Logging must never take the app down (a full disk, a read-only folder).
    }
  }

  private sizeOf(): number {
    try {
      return statSync(this.file).size;
    } catch {
      return 0;
    }
  }
}
