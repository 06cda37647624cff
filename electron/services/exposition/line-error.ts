// A parse failure inside one line, carried as a position until the line driver knows the
// line number and turns it into the PARSE_ERROR a person reads ("line 3 col 17: …").
import { PromsteadError } from '@shared/contract';

export class LineError extends Error {
  constructor(
    /** Offset in the line's text where the problem starts. */
    readonly position: number,
    message: string,
  ) {
    super(message);
    this.name = 'LineError';
  }
}

/** Characters (code points, not UTF-16 units) from the line start to the offset, 1-based. */
export function columnAt(text: string, lineStart: number, position: number): number {
  let column = 1;
  const end = Math.min(position, text.length);
  for (let index = lineStart; index < end; index++) {
    const code = text.charCodeAt(index);
    // The second half of a surrogate pair is the same character.
    if (code < 0xdc00 || code > 0xdfff) column++;
  }
  return column;
}

export function parseError(line: number, column: number, message: string): PromsteadError {
  return new PromsteadError('PARSE_ERROR', `line ${line} col ${column}: ${message}`, { line, column });
}

function isWordChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 ||
    code === 58 ||
    code === 46 ||
    code === 43 ||
    code === 45 ||
    code >= 0x80
  );
}

/** What was found at `start`, for messages: the word there, or the one character. */
export function quote(text: string, start: number, end: number): string {
  if (start >= end) return 'the end of the line';
  const code = text.charCodeAt(start);
  if (code === 13) return 'a carriage return (lines must end with \\n alone)';
  if (code === 9) return 'a tab';
  if (code === 32) return 'a space';
  let stop = start + 1;
  if (code >= 0xd800 && code <= 0xdbff) stop++;
  if (isWordChar(code)) while (stop < end && stop - start < 40 && isWordChar(text.charCodeAt(stop))) stop++;
  return JSON.stringify(text.slice(start, stop));
}
