// Keeps secrets out of logs and error reports: values the secret store has seen
// are masked wherever they appear, and fields named like secrets are masked outright.

export const REDACTED = '[redacted]';

// Shorter values would mask ordinary words and numbers all over the logs.
const MIN_SECRET_LENGTH = 4;

// Keys ending in an id (passwordSecretId, tokenId) hold a reference, not a secret.
const SECRET_KEY =
  /password|passphrase|secret|token|api[-_]?key|private[-_]?key|auth[-_]?key|priv[-_]?key|community/i;
const REFERENCE_KEY = /(?:Id|ID|_id|-id)$/;

export class Redactor {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | undefined;

  /** Registers a value to mask, along with the forms it takes inside JSON and URLs. */
  add(secret: string): void {
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]) {
      if (form.length < MIN_SECRET_LENGTH || this.secrets.has(form)) continue;
      this.secrets.add(form);
      this.pattern = undefined;
    }
  }

  redact(text: string): string {
    if (this.secrets.size === 0) return text;
    this.pattern ??= this.buildPattern();
    return text.replace(this.pattern, REDACTED);
  }

  /**
   * Returns a deep copy fit for a log: strings under secret-named keys become
   * [redacted], every other string has registered secrets masked. Arrays, plain
   * objects and errors are copied; other objects (Map, Buffer…) are passed through.
   */
  redactValue<T>(value: T): T {
    return this.copy(value, false, new WeakMap()) as T;
  }

  private copy(value: unknown, underSecretKey: boolean, seen: WeakMap<object, unknown>): unknown {
    if (typeof value === 'string') return underSecretKey && value !== '' ? REDACTED : this.redact(value);
    if (typeof value === 'number' || typeof value === 'bigint') return underSecretKey ? REDACTED : value;
    if (typeof value !== 'object' || value === null) return value;
    const earlier = seen.get(value);
    if (earlier !== undefined) return earlier;

    if (Array.isArray(value)) {
      const result: unknown[] = [];
      seen.set(value, result);
      for (const item of value) result.push(this.copy(item, underSecretKey, seen));
      return result;
    }
    if (value instanceof Error) return this.copyError(value, underSecretKey, seen);
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;

    const result: Record<string, unknown> = {};
    seen.set(value, result);
    for (const [key, item] of Object.entries(value)) {
      result[key] = this.copy(item, underSecretKey || isSecretKey(key), seen);
    }
    return result;
  }

  private copyError(error: Error, underSecretKey: boolean, seen: WeakMap<object, unknown>): Error {
    const result = Object.create(Object.getPrototypeOf(error) as object) as Error;
    seen.set(error, result);
    // message and stack are not enumerable, so they are copied by hand.
    const fields: Record<string, unknown> = { ...error, message: error.message, stack: error.stack };
    if (error.cause !== undefined) fields.cause = error.cause;
    for (const [key, item] of Object.entries(fields)) {
      Object.defineProperty(result, key, {
        value: this.copy(item, underSecretKey || isSecretKey(key), seen),
        enumerable: key !== 'message' && key !== 'stack' && key !== 'cause',
        writable: true,
        configurable: true,
      });
    }
    return result;
  }

  private buildPattern(): RegExp {
    // Longest first, so a secret containing another is masked whole.
    const alternatives = [...this.secrets].sort((a, b) => b.length - a.length).map(escapeRegExp);
    return new RegExp(alternatives.join('|'), 'g');
  }
}

function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) && !REFERENCE_KEY.test(key);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
