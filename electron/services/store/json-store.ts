// Versioned JSON state on disk: validated with zod, migrated forward, written
// atomically, and recovered from the last good copy when a file is damaged. A
// damaged file is moved aside, never deleted, and the user is told where it went.
import { access, rename } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { describeZodError, errorText, PromsteadError, type StateNotice } from '@shared/contract';
import { errorCode, readFileIfExists, removeStaleTempFiles, writeFileAtomic } from './atomic-file';

export interface JsonStoreOptions<T> {
  file: string;
  schema: z.ZodType<T>;
  /** The format version this build writes; files with a higher one are refused. */
  version: number;
  /** migrations[n] turns version n data into version n + 1 data. */
  migrations?: Record<number, (data: unknown) => unknown>;
  defaults: () => T;
  mode?: number;
  /** Injected so tests can pin the timestamp in moved-aside file names. */
  now?: () => Date;
}

export interface LoadResult<T> {
  value: T;
  notices: StateNotice[];
}

type Candidate<T> =
  { kind: 'missing' } | { kind: 'good'; value: T; migrated: boolean } | { kind: 'bad'; reason: string };

export class JsonStore<T> {
  private readonly options: JsonStoreOptions<T>;
  private current: { value: T } | undefined;
  // Every load and write runs after the previous one, so no update is lost.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: JsonStoreOptions<T>) {
    if (!Number.isInteger(options.version) || options.version < 1) {
      throw new PromsteadError(
        'INTERNAL',
        `JsonStore version must be a positive integer, got ${options.version}`,
      );
    }
    this.options = options;
  }

  get file(): string {
    return this.options.file;
  }

  /** Reads the file, migrating or recovering as needed; problems come back as notices. */
  load(): Promise<LoadResult<T>> {
    return this.enqueue(() => this.loadNow());
  }

  /** Validates and writes; an invalid value throws VALIDATION and nothing is written. */
  async save(value: T): Promise<void> {
    await this.enqueue(() => this.write(value));
  }

  /** Applies `fn` to the latest value and saves the result, one update at a time. */
  update(fn: (current: T) => T | Promise<T>): Promise<T> {
    // fn gets a copy so a throwing or invalid update leaves the in-memory value intact.
    return this.enqueue(async () => this.write(await fn(structuredClone(this.get()))));
  }

  /** The current value; treat it as read-only and change it through update(). */
  get(): T {
    if (!this.current) throw new PromsteadError('INTERNAL', `${this.options.file} was used before load()`);
    return this.current.value;
  }

  private enqueue<R>(task: () => Promise<R>): Promise<R> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async loadNow(): Promise<LoadResult<T>> {
    const { file } = this.options;
    await removeStaleTempFiles(file);
    const main = await this.readCandidate(file);
    if (main.kind === 'missing') return { value: this.useDefaults(), notices: [] };
    if (main.kind === 'good') {
      const value = main.migrated ? await this.write(main.value) : this.remember(main.value);
      return { value, notices: [] };
    }

    const mainMovedTo = await this.moveAside(file);
    const problem = `${path.basename(file)} could not be loaded: ${main.reason}. It was moved to ${mainMovedTo}`;
    const backupFile = `${file}.bak`;
    const backup = await this.readCandidate(backupFile);
    if (backup.kind === 'good') {
      const message = `${problem}; the last good copy (${path.basename(backupFile)}) was used instead.`;
      // Writing it back makes the main file whole again for the next start.
      return { value: await this.write(backup.value), notices: [{ file, message, movedTo: mainMovedTo }] };
    }
    if (backup.kind === 'missing') {
      const message = `${problem}. There is no last good copy, so defaults were used.`;
      return { value: this.useDefaults(), notices: [{ file, message, movedTo: mainMovedTo }] };
    }
    const backupMovedTo = await this.moveAside(backupFile);
    const backupMessage =
      `The last good copy ${path.basename(backupFile)} could not be used either: ${backup.reason}. ` +
      `It was moved to ${backupMovedTo}, and defaults were used.`;
    return {
      value: this.useDefaults(),
      notices: [
        { file, message: `${problem}.`, movedTo: mainMovedTo },
        { file: backupFile, message: backupMessage, movedTo: backupMovedTo },
      ],
    };
  }

  private async readCandidate(file: string): Promise<Candidate<T>> {
    const text = await readFileIfExists(file);
    if (text === undefined) return { kind: 'missing' };
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      return { kind: 'bad', reason: `it is not valid JSON (${errorText(error)})` };
    }
    if (!isEnvelope(raw)) {
      return {
        kind: 'bad',
        reason: 'it is not a Promstead state file (expected {"version": n, "data": ...})',
      };
    }
    const { version } = this.options;
    if (raw.version > version) {
      return {
        kind: 'bad',
        reason: `it was written by a newer version of Promstead (format ${raw.version}; this version reads up to ${version})`,
      };
    }
    const migrated = this.migrate(raw.data, raw.version);
    if ('reason' in migrated) return { kind: 'bad', reason: migrated.reason };
    const parsed = this.options.schema.safeParse(migrated.data);
    if (!parsed.success)
      return { kind: 'bad', reason: `its content is invalid (${describeZodError(parsed.error)})` };
    return { kind: 'good', value: parsed.data, migrated: raw.version < version };
  }

  private migrate(data: unknown, from: number): { data: unknown } | { reason: string } {
    let current = data;
    for (let step = from; step < this.options.version; step++) {
      const migration = this.options.migrations?.[step];
      if (!migration) return { reason: `there is no migration from format ${step}` };
      try {
        current = migration(current);
      } catch (error) {
        return { reason: `migrating it from format ${step} failed (${errorText(error)})` };
      }
    }
    return { data: current };
  }

  private async moveAside(file: string): Promise<string> {
    const stamp = (this.options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    for (let attempt = 1; attempt <= 100; attempt++) {
      const target = `${file}.corrupt-${stamp}${attempt === 1 ? '' : `-${attempt}`}`;
      if (await exists(target)) continue;
      try {
        await rename(file, target);
        return target;
      } catch (error) {
        throw new PromsteadError(
          'STATE_CORRUPT',
          `${file} is damaged and could not be moved aside (${errorText(error)}). Move it away by hand and start again.`,
        );
      }
    }
    throw new PromsteadError(
      'STATE_CORRUPT',
      `${file} is damaged and no free name was found to move it aside.`,
    );
  }

  private async write(value: T): Promise<T> {
    const { file, schema, version, mode } = this.options;
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      throw new PromsteadError(
        'VALIDATION',
        `Not saving ${path.basename(file)}: ${describeZodError(parsed.error)}`,
      );
    }
    const text = `${JSON.stringify({ version, data: parsed.data }, null, 2)}\n`;
    await writeFileAtomic(file, text, { mode });
    return this.remember(parsed.data);
  }

  private useDefaults(): T {
    const parsed = this.options.schema.safeParse(this.options.defaults());
    if (!parsed.success) {
      throw new PromsteadError(
        'INTERNAL',
        `Defaults for ${this.options.file} are invalid: ${describeZodError(parsed.error)}`,
      );
    }
    return this.remember(parsed.data);
  }

  private remember(value: T): T {
    this.current = { value };
    return value;
  }
}

function isEnvelope(raw: unknown): raw is { version: number; data: unknown } {
  if (
    typeof raw !== 'object' ||
    raw === null ||
    Array.isArray(raw) ||
    !('data' in raw) ||
    !('version' in raw)
  ) {
    return false;
  }
  return typeof raw.version === 'number' && Number.isInteger(raw.version) && raw.version >= 1;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}
