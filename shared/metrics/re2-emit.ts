// Writes a parsed pattern back as RE2 for Prometheus, optionally unable to match one
// character (the separator a drop rule joins its labels with), and the single-character
// JavaScript classes the preview's matcher tests with.
import { complementRanges, normalizeRanges, type CodeRanges } from './re2-ranges';
import type { ParsedPattern, RegexNode } from './re2-syntax';

/** Nothing at all: an empty class, written so both RE2 and JavaScript accept it. */
const matchesNothing = '[^\\x00-\\x{10FFFF}]';

/**
 * The pattern as RE2 text. With `excluded`, no part of it can match that character, so a
 * pattern between two separators can never reach across one.
 */
export function emitRe2(
  parsed: ParsedPattern,
  options: { excluded?: number; grouped?: boolean } = {},
): string {
  if (parsed.caseInsensitive) return `(?i:${emitNode(parsed.node, options.excluded, false)})`;
  return emitNode(parsed.node, options.excluded, options.grouped === true && parsed.node.kind === 'alt');
}

function emitNode(node: RegexNode, excluded: number | undefined, grouped: boolean): string {
  switch (node.kind) {
    case 'empty':
      return grouped ? '(?:)' : '';
    case 'literal':
      return node.code === excluded ? matchesNothing : re2Char(node.code, false);
    case 'set':
      return emitSet(node.ranges, node.negated, excluded);
    case 'boundary':
      return node.word ? '\\b' : '\\B';
    case 'anchor':
      return node.at === 'start' ? '\\A' : '\\z';
    case 'concat': {
      const text = node.items.map((item) => emitNode(item, excluded, true)).join('');
      return grouped ? `(?:${text})` : text;
    }
    case 'alt': {
      const text = node.options.map((option) => emitNode(option, excluded, false)).join('|');
      return grouped ? `(?:${text})` : text;
    }
    case 'repeat':
      return `${emitNode(node.node, excluded, true)}${repeatSuffix(node.min, node.max)}`;
  }
}

function repeatSuffix(min: number, max: number): string {
  if (min === 0 && max === Infinity) return '*';
  if (min === 1 && max === Infinity) return '+';
  if (min === 0 && max === 1) return '?';
  if (max === Infinity) return `{${min},}`;
  return min === max ? `{${min}}` : `{${min},${max}}`;
}

function emitSet(ranges: CodeRanges, negated: boolean, excluded: number | undefined): string {
  // Negated classes stay negated: under (?i) RE2 folds before negating, as JavaScript does.
  if (negated) {
    const kept = excluded === undefined ? ranges : normalizeRanges([...ranges, [excluded, excluded]]);
    if (kept.length === 0) return '(?s:.)';
    return `[^${kept.map(([lo, hi]) => re2Range(lo, hi)).join('')}]`;
  }
  const kept = excluded === undefined ? ranges : subtract(ranges, excluded);
  if (kept.length === 0) return matchesNothing;
  const only = kept[0];
  if (kept.length === 1 && only && only[0] === only[1]) return re2Char(only[0], false);
  return `[${kept.map(([lo, hi]) => re2Range(lo, hi)).join('')}]`;
}

function subtract(ranges: CodeRanges, code: number): [number, number][] {
  const complement = complementRanges(ranges);
  return complementRanges(normalizeRanges([...complement, [code, code]]));
}

function re2Range(lo: number, hi: number): string {
  return lo === hi ? re2Char(lo, true) : `${re2Char(lo, true)}-${re2Char(hi, true)}`;
}

/** Printable ASCII as it is, metacharacters backslashed; controls in hex. */
function re2Char(code: number, inClass: boolean): string {
  const char = String.fromCodePoint(code);
  if (/^[A-Za-z0-9_]$/.test(char)) return char;
  if (code >= 0x20 && code < 0x7f) {
    const special = inClass ? '\\[]^-' : '\\.+*?()|[]{}^$';
    return special.includes(char) ? `\\${char}` : char;
  }
  if (code < 0x20 || (code >= 0x7f && code <= 0xa0) || (code >= 0xd800 && code <= 0xdfff)) return hex(code);
  // Other characters as they are, so a value in another script stays readable.
  return /^[\p{L}\p{N}\p{S}\p{P}]$/u.test(char) ? char : hex(code);
}

function hex(code: number): string {
  const digits = code.toString(16).toUpperCase();
  return code <= 0xff ? `\\x${digits.padStart(2, '0')}` : `\\x{${digits}}`;
}

/** A JavaScript class (with the `u` flag) of the same characters, for one-character tests. */
export function jsClass(ranges: CodeRanges, negated: boolean): string {
  const items = ranges
    .map(([lo, hi]) =>
      lo === hi ? `\\u{${lo.toString(16)}}` : `\\u{${lo.toString(16)}}-\\u{${hi.toString(16)}}`,
    )
    .join('');
  return negated ? `[^${items}]` : `[${items}]`;
}
