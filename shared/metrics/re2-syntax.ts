// Reads the RE2 patterns of drop rules into a small tree, so one reading serves both the
// regex Prometheus gets (re2-emit) and the preview's matcher (re2-match). It accepts the
// part of RE2 both sides read alike and refuses the rest with a reason a person can act on.
import { complementRanges, normalizeRanges, perlClass, posixClasses, type CodeRanges } from './re2-ranges';

export type { CodeRanges } from './re2-ranges';

export type RegexNode =
  | { kind: 'empty' }
  | { kind: 'literal'; code: number }
  | { kind: 'set'; ranges: CodeRanges; negated: boolean }
  | { kind: 'concat'; items: RegexNode[] }
  | { kind: 'alt'; options: RegexNode[] }
  | { kind: 'repeat'; node: RegexNode; min: number; max: number }
  | { kind: 'boundary'; word: boolean }
  | { kind: 'anchor'; at: 'start' | 'end' };

export interface ParsedPattern {
  node: RegexNode;
  /** `(?i)` at the start: the whole pattern ignores case (Unicode simple case folding). */
  caseInsensitive: boolean;
}

export class PatternError extends Error {
  override readonly name = 'PatternError';
}

/** RE2's own limit on one repetition count. */
const maxRepeat = 1000;
/** Bounds the matcher's work per character. */
const maxSize = 20_000;
const maxCodePoint = 0x10ffff;
const controlEscapes: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };

/** Parses an RE2 pattern as Prometheus reads relabel regexes (anchored at both ends). */
export function parsePattern(pattern: string): ParsedPattern {
  const codes = Array.from(pattern, (char) => char.codePointAt(0) ?? 0);
  // A lone surrogate is what invalid UTF-8 becomes on the way here.
  if (codes.some((code) => code >= 0xd800 && code <= 0xdfff)) {
    throw new PatternError('it is not valid UTF-8 text');
  }
  const parsed = new Parser(codes).parse();
  if (patternSize(parsed.node) > maxSize) {
    throw new PatternError('the pattern expands too far (nested or large repetitions); simplify it');
  }
  return parsed;
}

/** Roughly the states a matcher needs: repetitions are expanded. */
export function patternSize(node: RegexNode): number {
  switch (node.kind) {
    case 'concat':
      return node.items.reduce((sum, item) => sum + patternSize(item), 0);
    case 'alt':
      return node.options.reduce((sum, option) => sum + patternSize(option) + 1, 0);
    case 'repeat': {
      const copies = node.max === Infinity ? node.min + 1 : node.max;
      return patternSize(node.node) * Math.max(copies, 1) + copies + 1;
    }
    default:
      return 1;
  }
}

class Parser {
  private pos = 0;
  private caseInsensitive = false;
  /** Whether `.` matches a newline: on, as Prometheus 3 anchors relabel regexes with (?s:…). */
  private dotAll = true;
  private readonly names = new Set<string>();

  constructor(private readonly codes: number[]) {}

  parse(): ParsedPattern {
    if (this.startsWith('(?i)')) {
      this.caseInsensitive = true;
      this.pos += 4;
    }
    const node = stripEdgeAnchors(this.parseAlternation(0));
    if (this.pos < this.codes.length) throw new PatternError('unexpected ) (it closes no group)');
    checkNoAnchors(node);
    return { node, caseInsensitive: this.caseInsensitive };
  }

  private parseAlternation(depth: number): RegexNode {
    const options = [this.parseConcat(depth)];
    while (this.peek() === '|') {
      this.pos++;
      options.push(this.parseConcat(depth));
    }
    return options.length === 1 ? (options[0] as RegexNode) : { kind: 'alt', options };
  }

  private parseConcat(depth: number): RegexNode {
    const items: RegexNode[] = [];
    for (;;) {
      const char = this.peek();
      if (char === undefined || char === '|' || (char === ')' && depth > 0)) break;
      if (char === ')') throw new PatternError('unexpected ) (it closes no group)');
      const atom = this.parseAtom(depth);
      if (atom) items.push(this.parseRepeats(atom));
    }
    if (items.length === 0) return { kind: 'empty' };
    return items.length === 1 ? (items[0] as RegexNode) : { kind: 'concat', items };
  }

  /** An atom, or undefined for a flag group that only changed the flags. */
  private parseAtom(depth: number): RegexNode | undefined {
    const char = this.take();
    switch (char) {
      case '(':
        return this.parseGroup(depth);
      case '[':
        return this.parseClass();
      case '.':
        return { kind: 'set', ranges: this.dotAll ? [] : [[10, 10]], negated: true };
      case '^':
        return { kind: 'anchor', at: 'start' };
      case '$':
        return { kind: 'anchor', at: 'end' };
      case '\\':
        return this.parseEscape();
      case '*':
      case '+':
      case '?':
        throw new PatternError(`missing argument to repetition operator ${char}`);
      case '{':
        if (this.repeatAhead(this.pos - 1))
          throw new PatternError('missing argument to repetition operator {');
        return { kind: 'literal', code: 0x7b };
      default:
        return { kind: 'literal', code: this.codes[this.pos - 1] ?? 0 };
    }
  }

  private parseRepeats(atom: RegexNode): RegexNode {
    const repeat = this.parseRepeat();
    if (!repeat) return atom;
    if (atom.kind === 'anchor' || atom.kind === 'boundary') {
      throw new PatternError('a repetition of ^, $, \\b or \\B means nothing here; remove it');
    }
    if (this.peek() === '?') this.pos++; // lazy: the same strings match, only the capture differs
    if (this.parseRepeat() !== undefined || this.peek() === '+') {
      throw new PatternError(
        'nested repetition operators (such as ** or the possessive *+) are not RE2; group the inner one with (?:…)',
      );
    }
    return { kind: 'repeat', node: atom, ...repeat };
  }

  private parseRepeat(): { min: number; max: number } | undefined {
    const char = this.peek();
    if (char === '*' || char === '+' || char === '?') {
      this.pos++;
      return { min: char === '+' ? 1 : 0, max: char === '?' ? 1 : Infinity };
    }
    if (char !== '{' || !this.repeatAhead(this.pos)) return undefined;
    const text = this.repeatAhead(this.pos) as string;
    this.pos += text.length;
    const [minText, maxText] = text.slice(1, -1).split(',') as [string, string | undefined];
    const min = Number(minText);
    const max = maxText === undefined ? min : maxText === '' ? Infinity : Number(maxText);
    if (min > maxRepeat || (max !== Infinity && max > maxRepeat) || max < min) {
      throw new PatternError(
        `invalid repeat count ${text}: counts go up to ${maxRepeat}, the first not above the second`,
      );
    }
    return { min, max };
  }

  /** `{n}`, `{n,}` or `{n,m}` at `at`, else undefined (then `{` is a literal, as in RE2). */
  private repeatAhead(at: number): string | undefined {
    const rest = String.fromCodePoint(...this.codes.slice(at, at + 40));
    return /^\{\d+(,\d*)?\}/.exec(rest)?.[0];
  }

  private parseGroup(depth: number): RegexNode | undefined {
    const savedDotAll = this.dotAll;
    if (this.peek() === '?') {
      this.pos++;
      const flagged = this.parseGroupHead();
      if (flagged === 'flags-only') return undefined;
    }
    const node = this.parseAlternation(depth + 1);
    if (this.take() !== ')') throw new PatternError('missing closing )');
    this.dotAll = savedDotAll;
    return node;
  }

  /** After `(?`: a name, flags, or a construct RE2 does not have. */
  private parseGroupHead(): 'group' | 'flags-only' {
    const rest = String.fromCodePoint(...this.codes.slice(this.pos, this.pos + 40));
    if (rest.startsWith('=') || rest.startsWith('!') || rest.startsWith('<=') || rest.startsWith('<!')) {
      throw new PatternError(
        'lookaround ((?=…), (?!…), (?<=…), (?<!…)) is not RE2; write the match without it',
      );
    }
    const named = /^P<([A-Za-z0-9_]+)>/.exec(rest);
    if (named) {
      const name = named[1] as string;
      if (this.names.has(name)) throw new PatternError(`duplicate capture group name ${name}`);
      this.names.add(name);
      this.pos += named[0].length;
      return 'group';
    }
    if (rest.startsWith('<') || rest.startsWith('P')) {
      throw new PatternError('a named group is written (?P<name>…) with letters, digits and _ in the name');
    }
    const flags = /^([imsU]*)(?:-([imsU]+))?([:)])/.exec(rest);
    if (!flags || (flags[1] === '' && flags[2] === undefined && flags[3] === ')')) {
      throw new PatternError(
        `(?${rest.slice(0, 3)}… is not RE2 syntax (atomic groups, comments and conditionals are not supported)`,
      );
    }
    const [whole, set = '', cleared = ''] = flags;
    if (set.includes('i') || cleared.includes('i')) {
      throw new PatternError('(?i) is only supported at the very start of the pattern, for all of it');
    }
    if (set.includes('m') || cleared.includes('m')) {
      throw new PatternError(
        '(?m) is not supported: a rule matches the whole value, which has no lines to anchor',
      );
    }
    if (set.includes('s')) this.dotAll = true;
    if (cleared.includes('s')) this.dotAll = false;
    this.pos += whole.length;
    return flags[3] === ')' ? 'flags-only' : 'group';
  }

  private parseEscape(): RegexNode {
    const char = this.take();
    if (char === undefined) throw new PatternError('trailing backslash at the end of the pattern');
    if (char === 'b' || char === 'B') return { kind: 'boundary', word: char === 'b' };
    if (char === 'A') return { kind: 'anchor', at: 'start' };
    if (char === 'z') return { kind: 'anchor', at: 'end' };
    if (char === 'Q') return this.parseQuoted();
    const perl = perlClass(char);
    if (perl) return perl;
    return { kind: 'literal', code: this.escapedCode(char) };
  }

  /** `\Q…\E`: everything up to `\E` (or the end) is literal. */
  private parseQuoted(): RegexNode {
    const items: RegexNode[] = [];
    while (this.pos < this.codes.length && !this.startsWith('\\E')) {
      items.push({ kind: 'literal', code: this.codes[this.pos++] ?? 0 });
    }
    if (this.startsWith('\\E')) this.pos += 2;
    if (items.length === 0) return { kind: 'empty' };
    return items.length === 1 ? (items[0] as RegexNode) : { kind: 'concat', items };
  }

  /** The character an escape stands for; `char` is what follows the backslash. */
  private escapedCode(char: string): number {
    const control = controlEscapes[char];
    if (control !== undefined) return control;
    if (char === 'x') return this.parseHex();
    if (/^[0-9]$/.test(char)) {
      throw new PatternError(
        `\\${char}: octal escapes and backreferences are not supported; write \\x{…} for a character`,
      );
    }
    if (char === 'p' || char === 'P') {
      throw new PatternError('Unicode classes (\\p{…}) are not supported here; list the characters in [...]');
    }
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80 && !/^[A-Za-z0-9]$/.test(char)) return code;
    throw new PatternError(`invalid escape sequence \\${char}`);
  }

  private parseHex(): number {
    const rest = String.fromCodePoint(...this.codes.slice(this.pos, this.pos + 10));
    const match = /^\{([0-9A-Fa-f]{1,6})\}/.exec(rest) ?? /^()([0-9A-Fa-f]{2})/.exec(rest);
    const hex = match?.[1] || match?.[2];
    if (!match || !hex) throw new PatternError('invalid escape: \\x takes two hex digits or \\x{…}');
    const code = Number.parseInt(hex, 16);
    if (code > maxCodePoint) throw new PatternError(`\\x{${hex}} is beyond the last Unicode character`);
    this.pos += match[0].length;
    return code;
  }

  private parseClass(): RegexNode {
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    const ranges: (readonly [number, number])[] = [];
    let first = true;
    for (;;) {
      const char = this.peek();
      if (char === undefined) throw new PatternError('missing closing ] of a character class');
      if (char === ']' && !first) break;
      first = false;
      const posix = this.parsePosixClass();
      if (posix) {
        ranges.push(...posix);
        continue;
      }
      const lo = this.parseClassAtom();
      if (typeof lo !== 'number') {
        if (this.peek() === '-' && this.peek(1) !== ']')
          throw new PatternError('invalid character class range');
        ranges.push(...lo);
        continue;
      }
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.pos++;
        const hi = this.parseClassAtom();
        if (typeof hi !== 'number' || hi < lo) throw new PatternError('invalid character class range');
        ranges.push([lo, hi]);
      } else ranges.push([lo, lo]);
    }
    this.pos++;
    return { kind: 'set', ranges: normalizeRanges(ranges), negated };
  }

  private parsePosixClass(): CodeRanges | undefined {
    if (!this.startsWith('[:')) return undefined;
    const rest = String.fromCodePoint(...this.codes.slice(this.pos, this.pos + 14));
    const match = /^\[:(\^?)([a-z]+):\]/.exec(rest);
    if (!match) return undefined;
    const ranges = posixClasses[match[2] as string];
    if (!ranges) throw new PatternError(`invalid character class range [:${match[2]}:]`);
    this.pos += match[0].length;
    return match[1] ? this.complemented(ranges) : ranges;
  }

  /**
   * A negated class inside [...]. Under (?i) RE2 folds it after negating, which the
   * preview cannot promise to read alike, so it is refused there.
   */
  private complemented(ranges: CodeRanges): CodeRanges {
    if (this.caseInsensitive) {
      throw new PatternError(
        '(?i) cannot be combined with \\D, \\W, \\S or [:^…:] inside [...]; list what to match instead',
      );
    }
    return complementRanges(ranges);
  }

  /** One character of a class, or a class escape (\d, \W…) as its ranges. */
  private parseClassAtom(): number | CodeRanges {
    const char = this.take() as string;
    if (char !== '\\') return char.codePointAt(0) ?? 0;
    const escaped = this.take();
    if (escaped === undefined) throw new PatternError('trailing backslash at the end of the pattern');
    const perl = perlClass(escaped);
    if (perl && perl.kind === 'set') return perl.negated ? this.complemented(perl.ranges) : perl.ranges;
    if ('bBAzQ'.includes(escaped)) throw new PatternError(`\\${escaped} is not allowed in a character class`);
    return this.escapedCode(escaped);
  }

  private peek(ahead = 0): string | undefined {
    const code = this.codes[this.pos + ahead];
    return code === undefined ? undefined : String.fromCodePoint(code);
  }

  private take(): string | undefined {
    const char = this.peek();
    if (char !== undefined) this.pos++;
    return char;
  }

  private startsWith(text: string): boolean {
    return Array.from(text).every((char, index) => this.peek(index) === char);
  }
}

/**
 * A rule is anchored already, so `^`/`\A` opening and `$`/`\z` closing a top-level
 * alternative are redundant and dropped; anywhere else they are refused (checkNoAnchors).
 */
function stripEdgeAnchors(node: RegexNode): RegexNode {
  const strip = (option: RegexNode): RegexNode => {
    const items = option.kind === 'concat' ? [...option.items] : [option];
    while (items[0]?.kind === 'anchor' && items[0].at === 'start') items.shift();
    while (items.at(-1)?.kind === 'anchor' && (items.at(-1) as { at: string }).at === 'end') items.pop();
    if (items.length === 0) return { kind: 'empty' };
    return items.length === 1 ? (items[0] as RegexNode) : { kind: 'concat', items };
  };
  return node.kind === 'alt' ? { kind: 'alt', options: node.options.map(strip) } : strip(node);
}

function checkNoAnchors(node: RegexNode): void {
  walk(node, (child) => {
    if (child.kind === 'anchor') {
      throw new PatternError(
        '^ and $ are only allowed at the start and end of the pattern (a rule matches the whole value anyway)',
      );
    }
  });
}

export function walk(node: RegexNode, visit: (node: RegexNode) => void): void {
  visit(node);
  if (node.kind === 'concat') node.items.forEach((item) => walk(item, visit));
  else if (node.kind === 'alt') node.options.forEach((option) => walk(option, visit));
  else if (node.kind === 'repeat') walk(node.node, visit);
}
