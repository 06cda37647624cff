// Character sets of RE2 patterns as sorted code point ranges: the Perl and POSIX classes
// (ASCII, as RE2 defines them) and the set operations the parser and emitter need.

/** Inclusive code point ranges, sorted and disjoint. */
export type CodeRanges = readonly (readonly [number, number])[];

const maxCodePoint = 0x10ffff;
const digit: CodeRanges = [[0x30, 0x39]];
const word: CodeRanges = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
const space: CodeRanges = [
  [0x09, 0x0a],
  [0x0c, 0x0d],
  [0x20, 0x20],
];
export const posixClasses: Record<string, CodeRanges> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0x00, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  digit,
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word,
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

/** Sorted, merged ranges. */
export function normalizeRanges(ranges: Iterable<readonly [number, number]>): [number, number][] {
  const sorted = [...ranges].map(([lo, hi]): [number, number] => [lo, hi]).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out.at(-1);
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

export function complementRanges(ranges: CodeRanges): [number, number][] {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of normalizeRanges(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= maxCodePoint) out.push([next, maxCodePoint]);
  return out;
}

/** `\\d`, `\\W`… as a set, or undefined for another letter. */
export function perlClass(char: string): { kind: 'set'; ranges: CodeRanges; negated: boolean } | undefined {
  const ranges = { d: digit, w: word, s: space }[char.toLowerCase()];
  if (!ranges || !'dDwWsS'.includes(char)) return undefined;
  return { kind: 'set', ranges, negated: char === char.toUpperCase() };
}
