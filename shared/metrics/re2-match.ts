// Matches a parsed pattern against whole strings the way RE2 does: a Thompson automaton
// simulated in one pass, so no pattern can make the preview backtrack for ever (as a
// JavaScript RegExp could). Only single characters are tested with a JavaScript class,
// which reads case folding as RE2's (?i) does.
import { jsClass } from './re2-emit';
import type { CodeRanges, ParsedPattern, RegexNode } from './re2-syntax';

type State =
  | { kind: 'char'; test: (code: number) => boolean; out: number }
  | { kind: 'split'; out: number; alt: number }
  | { kind: 'boundary'; word: boolean; out: number }
  | { kind: 'match' };

export interface WholeMatcher {
  /** Whether the pattern matches all of `text` (anchored at both ends). */
  matches(text: string): boolean;
}

export function compileMatcher(parsed: ParsedPattern): WholeMatcher {
  const literal = parsed.caseInsensitive ? undefined : literalText(parsed.node);
  if (literal !== undefined) return { matches: (text) => text === literal };
  const states: State[] = [{ kind: 'match' }];
  const start = compile(parsed.node, 0, states, parsed.caseInsensitive);
  const marks = new Int32Array(states.length);
  let generation = 0;

  const add = (list: number[], index: number, codes: number[], at: number): void => {
    // Iterative, so a long chain of empty steps cannot overflow the stack.
    const pending = [index];
    while (pending.length > 0) {
      const current = pending.pop() as number;
      if (marks[current] === generation) continue;
      marks[current] = generation;
      const state = states[current] as State;
      if (state.kind === 'split') pending.push(state.alt, state.out);
      else if (state.kind === 'boundary') {
        if (atWordBoundary(codes, at) === state.word) pending.push(state.out);
      } else list.push(current);
    }
  };

  return {
    matches(text: string): boolean {
      const codes = Array.from(text, (char) => char.codePointAt(0) ?? 0);
      let current: number[] = [];
      generation++;
      add(current, start, codes, 0);
      for (let at = 0; at < codes.length && current.length > 0; at++) {
        const next: number[] = [];
        generation++;
        const code = codes[at] as number;
        for (const index of current) {
          const state = states[index] as State;
          if (state.kind === 'char' && state.test(code)) add(next, state.out, codes, at + 1);
        }
        current = next;
      }
      return current.includes(0);
    },
  };
}

/** The one string a pattern without any choice matches (most rules name exact values). */
function literalText(node: RegexNode): string | undefined {
  if (node.kind === 'empty') return '';
  if (node.kind === 'literal') return String.fromCodePoint(node.code);
  if (node.kind !== 'concat') return undefined;
  let text = '';
  for (const item of node.items) {
    if (item.kind !== 'literal') return undefined;
    text += String.fromCodePoint(item.code);
  }
  return text;
}

/** Builds `node` in front of state `next`; returns the index of its first state. */
function compile(node: RegexNode, next: number, states: State[], fold: boolean): number {
  const push = (state: State): number => states.push(state) - 1;
  switch (node.kind) {
    case 'empty':
    case 'anchor': // refused by the parser except at the edges, where it was removed
      return next;
    case 'literal':
      return push({ kind: 'char', test: charTest([[node.code, node.code]], false, fold), out: next });
    case 'set':
      return push({ kind: 'char', test: charTest(node.ranges, node.negated, fold), out: next });
    case 'boundary':
      return push({ kind: 'boundary', word: node.word, out: next });
    case 'concat':
      return node.items.reduceRight((after, item) => compile(item, after, states, fold), next);
    case 'alt':
      return node.options
        .map((option) => compile(option, next, states, fold))
        .reduceRight((alt, out) => push({ kind: 'split', out, alt }));
    case 'repeat': {
      let entry = next;
      if (node.max === Infinity) {
        const loop = push({ kind: 'split', out: -1, alt: next });
        const body = compile(node.node, loop, states, fold);
        states[loop] = { kind: 'split', out: body, alt: next };
        entry = loop;
      } else {
        for (let copy = node.min; copy < node.max; copy++) {
          entry = push({ kind: 'split', out: compile(node.node, entry, states, fold), alt: next });
        }
      }
      for (let copy = 0; copy < node.min; copy++) entry = compile(node.node, entry, states, fold);
      return entry;
    }
  }
}

function charTest(ranges: CodeRanges, negated: boolean, fold: boolean): (code: number) => boolean {
  if (!fold) {
    return (code) => inRanges(ranges, code) !== negated;
  }
  // JavaScript's `iu` folds with Unicode simple case folding, as RE2's (?i) does.
  const regex = new RegExp(`^${jsClass(ranges, negated)}$`, 'iu');
  const seen = new Map<number, boolean>();
  return (code) => {
    let answer = seen.get(code);
    if (answer === undefined) {
      answer = regex.test(String.fromCodePoint(code));
      seen.set(code, answer);
    }
    return answer;
  };
}

function inRanges(ranges: CodeRanges, code: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [lo, hi] = ranges[middle] as readonly [number, number];
    if (code < lo) high = middle - 1;
    else if (code > hi) low = middle + 1;
    else return true;
  }
  return false;
}

/** RE2's \b: ASCII word characters on one side only. */
function atWordBoundary(codes: number[], at: number): boolean {
  return isWordCode(codes[at - 1]) !== isWordCode(codes[at]);
}

function isWordCode(code: number | undefined): boolean {
  if (code === undefined) return false;
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    code === 0x5f ||
    (code >= 0x61 && code <= 0x7a)
  );
}
