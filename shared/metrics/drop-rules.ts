// Drop rules: which series a scrape job throws away, as the one Prometheus relabel rule
// each becomes and as the same decision made here for the preview. Both come from one
// reading of the rule's patterns (re2-syntax), so the preview says what Prometheus does.
import { PromsteadError, type DropRule, type DropRuleInput } from '../contract';
import { emitRe2 } from './re2-emit';
import { compileMatcher, type WholeMatcher } from './re2-match';
import { parsePattern, PatternError, type ParsedPattern } from './re2-syntax';

/**
 * Joins `__name__` and the rule's label values. U+001F (unit separator) is meant for
 * exactly this, and no part of a rule's regex can match it, so the joined regex never
 * matches across two values. A series with it inside a value is never dropped by a rule
 * that names labels; the preview says the same.
 */
export const dropSeparator = '\u001f';
const separatorRe2 = '\\x1F';

/**
 * Labels a rule may not name: `job` and `instance` are Prometheus's own on every series of
 * the target, and `host`/`tier` Promstead's; a saved rule applies to one target already.
 */
export const reservedDropLabels: readonly string[] = ['__name__', 'job', 'instance', 'host', 'tier'];

/** One `metric_relabel_configs` entry, the shape prometheus.yml spells. */
export interface DropRelabelConfig {
  source_labels: string[];
  separator?: string;
  regex: string;
  action: 'drop';
}

/** What a rule looks at: a series' name (the sample's, e.g. `x_bucket`) and its labels. */
export interface SeriesRef {
  name: string;
  labels: Record<string, string>;
}

export interface CompiledDropRule {
  rule: DropRule;
  relabel: DropRelabelConfig;
  /** Whether Prometheus drops this series by the rule. */
  matches(series: SeriesRef): boolean;
}

interface Part {
  label: string;
  parsed: ParsedPattern;
}

/**
 * Checks a rule and reads it: VALIDATION naming the rule when a pattern is not RE2, or
 * would read differently here (backreferences, lookaround, possessive repeats…).
 */
export function compileDropRule(input: DropRuleInput, index = 0): CompiledDropRule {
  const rule: DropRule = { ...input, labels: { ...input.labels } };
  const where = `Drop rule ${index + 1} (${rule.metric})`;
  const parts: Part[] = [{ label: '__name__', parsed: readPattern(rule.metric, `${where}, metric`) }];
  for (const label of Object.keys(rule.labels).sort()) {
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(label)) {
      throw new PromsteadError('VALIDATION', `${where}: "${label}" is not a label name.`);
    }
    if (reservedDropLabels.includes(label)) {
      throw new PromsteadError(
        'VALIDATION',
        `${where}: a rule cannot test "${label}": ${label === '__name__' ? 'put the name in metric' : 'Prometheus or Promstead sets it on every series of the target, and a rule applies to one target already'}.`,
      );
    }
    parts.push({ label, parsed: readPattern(rule.labels[label] ?? '', `${where}, label ${label}`) });
  }
  return { rule, relabel: relabelOf(parts, []), matches: partsMatcher(parts) };
}

/** Validates every rule; the first bad one throws VALIDATION naming it. */
export function compileDropRules(rules: readonly DropRuleInput[]): CompiledDropRule[] {
  return rules.map((rule, index) => compileDropRule(rule, index));
}

/**
 * The one relabel rule that drops exactly the series `rule` means. `exact` adds labels
 * that must equal a value (e.g. `instance` to scope a rule to one target of a shared job).
 */
export function dropRuleToRelabel(
  rule: DropRuleInput,
  exact: Record<string, string> = {},
): DropRelabelConfig {
  const compiled = compileDropRule(rule);
  if (Object.keys(exact).length === 0) return compiled.relabel;
  const parts: Part[] = [{ label: '__name__', parsed: parsePattern(compiled.rule.metric) }];
  for (const label of Object.keys(compiled.rule.labels).sort()) {
    parts.push({ label, parsed: parsePattern(compiled.rule.labels[label] ?? '') });
  }
  const extra = Object.keys(exact)
    .sort()
    .map((label) => ({ label, parsed: parsePattern(escapeRegex(exact[label] ?? '')) }));
  return relabelOf(parts, extra);
}

const compiledByRule = new WeakMap<object, CompiledDropRule>();

/** The preview's verdict for one series; compiles `rule` once per rule object. */
export function matchesDropRule(series: SeriesRef, rule: DropRuleInput): boolean {
  let compiled = compiledByRule.get(rule);
  if (!compiled) {
    compiled = compileDropRule(rule);
    compiledByRule.set(rule, compiled);
  }
  return compiled.matches(series);
}

/** `text` as an RE2 pattern matching exactly it. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

function readPattern(pattern: string, where: string): ParsedPattern {
  try {
    return parsePattern(pattern);
  } catch (error) {
    if (error instanceof PatternError) {
      throw new PromsteadError('VALIDATION', `${where}: "${pattern}" cannot be used: ${error.message}.`);
    }
    throw error;
  }
}

function relabelOf(parts: readonly Part[], extra: readonly Part[]): DropRelabelConfig {
  const all = [...parts, ...extra];
  if (all.length === 1) {
    return { source_labels: ['__name__'], regex: emitRe2((all[0] as Part).parsed), action: 'drop' };
  }
  const excluded = dropSeparator.codePointAt(0) as number;
  return {
    source_labels: all.map((part) => part.label),
    separator: dropSeparator,
    regex: all.map((part) => emitRe2(part.parsed, { excluded, grouped: true })).join(separatorRe2),
    action: 'drop',
  };
}

function partsMatcher(parts: readonly Part[]): (series: SeriesRef) => boolean {
  const matchers = parts.map((part) => ({ label: part.label, matcher: cached(compileMatcher(part.parsed)) }));
  const joined = parts.length > 1;
  return (series) =>
    matchers.every(({ label, matcher }) => {
      // A missing label reads as the empty value, as in Prometheus.
      const value = label === '__name__' ? series.name : (series.labels[label] ?? '');
      return !(joined && value.includes(dropSeparator)) && matcher.matches(value);
    });
}

/** Exporters repeat names and values thousands of times: each is matched once. */
function cached(matcher: WholeMatcher): WholeMatcher {
  const answers = new Map<string, boolean>();
  return {
    matches(text) {
      let answer = answers.get(text);
      if (answer === undefined) {
        answer = matcher.matches(text);
        answers.set(text, answer);
      }
      return answer;
    },
  };
}
