// Limits on what the host prints before any parser reads it: a host is not trusted to
// keep its output small, printable or well-formed, and a preflight must not hang on it.

/** Lines any parser looks at; a real /proc/net/tcp of a busy server has some thousands. */
export const maxLines = 20_000;
/** Characters of one line a parser looks at; real lines are far shorter. */
export const maxLineLength = 4096;

/** The text's first lines, each cut to a bound: all a parser ever iterates over. */
export function boundedLines(text: string, lines = maxLines): string[] {
  const result: string[] = [];
  let start = 0;
  while (result.length < lines && start <= text.length) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    result.push(text.slice(start, Math.min(stop, start + maxLineLength)).replace(/\r$/, ''));
    if (end === -1) break;
    start = end + 1;
  }
  return result;
}

/** A value from the host made safe to show: no control characters, a bounded length. */
export function cleanText(value: string, length = 200): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const printable = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
  return printable.length > length ? `${printable.slice(0, length - 1)}…` : printable;
}

/** Splits on runs of whitespace, dropping empty words. */
export function words(line: string): string[] {
  return line.split(/\s+/).filter((word) => word !== '');
}
