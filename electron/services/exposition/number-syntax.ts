// Numbers as Prometheus reads them (Go's ParseFloat without hex, `p` exponents or
// underscores) scanned in place in the line, so the common short decimals cost no
// substring; only long or huge mantissas fall back to Number().
import { LineError } from './line-error';

/** Exact powers of ten: a mantissa under 2^53 times or divided by one rounds once. */
const exactPowers = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Case-insensitive match of an ASCII lowercase word at [start, end). */
function wordIs(text: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let index = 0; index < word.length; index++) {
    if ((text.charCodeAt(start + index) | 0x20) !== word.charCodeAt(index)) return false;
  }
  return true;
}

function describe(text: string, start: number, end: number): string {
  const token = text.slice(start, Math.min(end, start + 40));
  return token === '' ? 'nothing' : JSON.stringify(token);
}

/**
 * The float at text[start, end): digits with an optional sign, fraction and exponent,
 * or Inf/Infinity (signed, any case) and NaN (any case, no sign). `what` names the
 * field in the error ("value", "timestamp").
 */
export function scanFloat(
  text: string,
  start: number,
  end: number,
  what: string,
  specials = true,
  /** A power of ten to scale by exactly (3: seconds to milliseconds), done on the decimal digits. */
  shift = 0,
): number {
  let index = start;
  let code = text.charCodeAt(index);
  let negative = false;
  let signed = false;
  if (code === 43 || code === 45) {
    negative = code === 45;
    signed = true;
    index++;
    code = text.charCodeAt(index);
  }
  let mantissa = 0;
  let significant = 0;
  let digits = 0;
  let scale = 0;
  while (index < end && isDigit(code)) {
    if (significant > 0 || code !== 48) {
      if (significant < 16) mantissa = mantissa * 10 + (code - 48);
      else scale++;
      significant++;
    }
    digits++;
    index++;
    code = text.charCodeAt(index);
  }
  if (index < end && code === 46) {
    index++;
    code = text.charCodeAt(index);
    while (index < end && isDigit(code)) {
      if (significant > 0 || code !== 48) {
        if (significant < 16) {
          mantissa = mantissa * 10 + (code - 48);
          scale--;
        }
        significant++;
      } else {
        scale--;
      }
      digits++;
      index++;
      code = text.charCodeAt(index);
    }
  }
  if (digits === 0) {
    if (specials && index === start + (signed ? 1 : 0)) {
      if (wordIs(text, index, end, 'inf') || wordIs(text, index, end, 'infinity'))
        return negative ? -Infinity : Infinity;
      if (!signed && wordIs(text, index, end, 'nan')) return NaN;
    }
    throw new LineError(start, `expected a number as ${what}, got ${describe(text, start, end)}`);
  }
  const exponentAt = index;
  if (index < end && (code === 101 || code === 69)) {
    index++;
    code = text.charCodeAt(index);
    let exponentNegative = false;
    if (code === 43 || code === 45) {
      exponentNegative = code === 45;
      index++;
      code = text.charCodeAt(index);
    }
    let exponent = 0;
    let exponentDigits = 0;
    while (index < end && isDigit(code)) {
      // Beyond any double's range either way; the cap keeps the arithmetic exact.
      if (exponent < 100000) exponent = exponent * 10 + (code - 48);
      exponentDigits++;
      index++;
      code = text.charCodeAt(index);
    }
    if (exponentDigits === 0)
      throw new LineError(start, `expected a number as ${what}, got ${describe(text, start, end)}`);
    scale += exponentNegative ? -exponent : exponent;
  }
  if (index !== end)
    throw new LineError(start, `expected a number as ${what}, got ${describe(text, start, end)}`);
  scale += shift;
  let value: number;
  if (significant <= 15 && scale >= -22 && scale <= 22) {
    value = scale >= 0 ? mantissa * (exactPowers[scale] ?? 1) : mantissa / (exactPowers[-scale] ?? 1);
    if (negative) value = -value;
  } else {
    const exponent = exponentAt < end ? Number(text.slice(exponentAt + 1, end)) : 0;
    value = Number(`${text.slice(start, exponentAt)}e${exponent + shift}`);
  }
  // Go's ParseFloat refuses what overflows a double, and so does Prometheus.
  if (!Number.isFinite(value))
    throw new LineError(start, `${what} ${describe(text, start, end)} is out of range`);
  return value;
}

/** Whether text[start, end) is a decimal integer (the text format's timestamps). */
export function scanInteger(text: string, start: number, end: number, what: string): number {
  let index = start;
  if (index === end) throw new LineError(start, `expected an integer as ${what}`);
  let value = 0;
  while (index < end) {
    const code = text.charCodeAt(index);
    if (!isDigit(code))
      throw new LineError(start, `expected an integer as ${what}, got ${describe(text, start, end)}`);
    value = value * 10 + (code - 48);
    index++;
  }
  if (index - start <= 15) return value;
  // Prometheus reads it as an int64; past 15 digits the exact check needs a BigInt.
  if (BigInt(text.slice(start, end)) > 9223372036854775807n)
    throw new LineError(start, `${what} ${describe(text, start, end)} is out of range`);
  return Number(text.slice(start, end));
}
