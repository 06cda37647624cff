// Fuzzy search over metric names, as an editor's "go to file" does: the query's letters
// must appear in order; matches at word starts (after `_` or `:`, camel-case humps) and runs of
// consecutive letters score higher, and the matched positions are kept to highlight.
export interface FuzzyMatch {
  score: number;
  /** Indexes into the text of the matched characters, ascending. */
  positions: number[];
}

function isWordStart(text: string, index: number): boolean {
  if (index === 0) return true;
  const before = text[index - 1] as string;
  if (before === '_' || before === ':' || before === '.' || before === ' ') return true;
  // A camel-case hump (MemAvailable) starts a word as well.
  const here = text[index] as string;
  return before !== before.toUpperCase() && here !== here.toLowerCase();
}

/**
 * Scores one alignment found greedily, preferring at each step the next occurrence at a
 * word start when there is one before the query's next letter would run out of room.
 */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | undefined {
  const needle = query.trim().toLowerCase();
  if (needle === '') return { score: 0, positions: [] };
  const haystack = text.toLowerCase();
  const positions: number[] = [];
  let from = 0;
  for (let q = 0; q < needle.length; q++) {
    const char = needle[q] as string;
    const first = haystack.indexOf(char, from);
    if (first === -1) return undefined;
    let chosen = first;
    // Keep a consecutive run when it continues; otherwise prefer a word start.
    const continuesRun = positions.length > 0 && first === (positions.at(-1) as number) + 1;
    if (!continuesRun && !isWordStart(text, first)) {
      let probe = haystack.indexOf(char, first + 1);
      while (probe !== -1 && !isWordStart(text, probe)) probe = haystack.indexOf(char, probe + 1);
      if (probe !== -1 && canFinish(haystack, needle, q + 1, probe + 1)) chosen = probe;
    }
    positions.push(chosen);
    from = chosen + 1;
  }
  return { score: scoreOf(text, haystack, needle, positions), positions };
}

function canFinish(haystack: string, needle: string, nextQuery: number, from: number): boolean {
  let at = from;
  for (let q = nextQuery; q < needle.length; q++) {
    const found = haystack.indexOf(needle[q] as string, at);
    if (found === -1) return false;
    at = found + 1;
  }
  return true;
}

function scoreOf(text: string, haystack: string, needle: string, positions: readonly number[]): number {
  let score = 0;
  positions.forEach((position, index) => {
    score += 1;
    if (isWordStart(text, position)) score += 8;
    const previous = positions[index - 1];
    if (previous !== undefined) {
      if (position === previous + 1) score += 5;
      else score -= Math.min(3, (position - previous - 1) * 0.2);
    }
  });
  // A literal substring, and above all a prefix, is what a person most likely meant.
  if (haystack.includes(needle)) score += 10;
  if (haystack.startsWith(needle)) score += 10;
  // Between equal matches, the shorter name is the closer one.
  return score - text.length * 0.01;
}

/** Text split into plain and matched runs, for highlighting with <mark>. */
export function highlightRuns(
  text: string,
  positions: readonly number[],
): { text: string; matched: boolean }[] {
  const marked = new Set(positions);
  const runs: { text: string; matched: boolean }[] = [];
  for (let index = 0; index < text.length; index++) {
    const matched = marked.has(index);
    const last = runs.at(-1);
    if (last && last.matched === matched) last.text += text[index];
    else runs.push({ text: text[index] as string, matched });
  }
  return runs;
}

/** Every item that matches, best first (ties in name order). */
export function fuzzyFilter<T>(
  query: string,
  items: readonly T[],
  nameOf: (item: T) => string,
): { item: T; match: FuzzyMatch }[] {
  const out: { item: T; match: FuzzyMatch; name: string }[] = [];
  for (const item of items) {
    const name = nameOf(item);
    const match = fuzzyMatch(query, name);
    if (match) out.push({ item, match, name });
  }
  out.sort((a, b) => b.match.score - a.match.score || a.name.localeCompare(b.name));
  return out.map(({ item, match }) => ({ item, match }));
}
