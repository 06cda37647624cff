// Character classes and in-place comparisons for the scanners: a table lookup per
// character, and a region compare that V8 inlines (String#startsWith with a position
// is a builtin call, several times slower on these short names).

const nameStart = 1;
const nameChar = 2;
const metricNameChar = 4;

const classes = new Uint8Array(128);
for (let code = 0; code < 128; code++) {
  const letter = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
  const digit = code >= 48 && code <= 57;
  classes[code] =
    (letter ? nameStart : 0) |
    (letter || digit ? nameChar : 0) |
    (letter || digit || code === 58 ? metricNameChar : 0);
}

/** [a-zA-Z_] */
export function isNameStart(code: number): boolean {
  return code < 128 && (classes[code]! & nameStart) !== 0;
}

/** [a-zA-Z0-9_] */
export function isNameChar(code: number): boolean {
  return code < 128 && (classes[code]! & nameChar) !== 0;
}

/** [a-zA-Z0-9_:] */
export function isMetricNameChar(code: number): boolean {
  return code < 128 && (classes[code]! & metricNameChar) !== 0;
}

/** Whether text holds `word` at `start` (the caller checks that it fits in the line). */
export function regionEquals(text: string, start: number, word: string): boolean {
  const length = word.length;
  for (let index = 0; index < length; index++) {
    if (text.charCodeAt(start + index) !== word.charCodeAt(index)) return false;
  }
  return true;
}
