// Decides what a host is from its scanned facts, and says why: every rule that matched
// becomes a line of evidence.
import type { Classification, HostKind } from '@shared/contract';
import { matchRule, type ClassificationRule } from './classification-rule';
import type { HostFacts } from './host-facts';
import { kindLabels, kindPriority, linuxBasedKinds, type KnownKind } from './kinds';
import { classificationRules } from './rules';
import { boundFacts, displayText } from './text';

/** Nothing a network scan sees makes a host certain. */
const maxConfidence = 0.99;
const maxEvidenceLine = 240;
const tieTolerance = 1e-9;

interface Matched {
  rule: ClassificationRule;
  line: string;
}

/** Whether a rule's kind counts for `kind`: its own, or Linux evidence for a Linux-based kind. */
function supports(rule: ClassificationRule, kind: KnownKind): boolean {
  const given = rule.gives.kind;
  return given === kind || (given === 'linux-server' && linuxBasedKinds.has(kind));
}

function scoreOf(matched: readonly Matched[], kind: KnownKind): number {
  return matched.reduce((sum, { rule }) => (supports(rule, kind) ? sum + rule.weight : sum), 0);
}

/**
 * The kind with the highest summed weight among kinds at least one rule names itself (Linux
 * evidence alone makes a Linux server, not a NAS); equal scores go to the kind earlier in
 * kindPriority. Undefined when no matched rule points to any kind.
 */
function pickKind(matched: readonly Matched[]): KnownKind | undefined {
  let best: { kind: KnownKind; score: number } | undefined;
  for (const kind of kindPriority) {
    if (!matched.some(({ rule }) => rule.gives.kind === kind)) continue;
    const score = scoreOf(matched, kind);
    // Sums of decimal weights are not exact: scores this close are a tie.
    if (best === undefined || score > best.score + tieTolerance) best = { kind, score };
  }
  return best?.kind;
}

/**
 * Confidence = (1 − Π(1 − wᵢ)) × S / (S + O), capped at 0.99 and rounded to 0.01:
 * wᵢ are the weights of the rules supporting the kind (as if each were independent
 * evidence), S their sum, and O the summed weight of rules pointing to other kinds, so
 * evidence that disagrees lowers it.
 */
function confidenceOf(matched: readonly Matched[], kind: KnownKind): number {
  let doubt = 1;
  let support = 0;
  let against = 0;
  for (const { rule } of matched) {
    if (supports(rule, kind)) {
      doubt *= 1 - Math.min(Math.max(rule.weight, 0), 1);
      support += rule.weight;
    } else if (rule.gives.kind !== undefined) {
      against += rule.weight;
    }
  }
  const confidence = (1 - doubt) * (support / (support + against));
  return Math.round(Math.min(maxConfidence, confidence) * 100) / 100;
}

/** The strongest matched rule's answer among those that agree with the kind (or name none). */
function strongest(
  matched: readonly Matched[],
  kind: KnownKind | undefined,
  read: (rule: ClassificationRule) => string | undefined,
): string | undefined {
  const agreeing = matched
    .filter(({ rule }) => rule.gives.kind === undefined || (kind !== undefined && supports(rule, kind)))
    .sort((a, b) => b.rule.weight - a.rule.weight);
  for (const { rule } of agreeing) {
    const value = read(rule)?.trim();
    if (value) return displayText(value, 80);
  }
  return undefined;
}

/**
 * Lines for the rules that support the kind, strongest first; then facts that point to no
 * kind; then, marked "(also)", facts that pointed elsewhere and were outweighed.
 */
function evidenceOf(matched: readonly Matched[], kind: KnownKind | undefined): string[] {
  const byWeight = (a: Matched, b: Matched): number => b.rule.weight - a.rule.weight;
  const supporting = matched.filter(({ rule }) => kind !== undefined && supports(rule, kind)).sort(byWeight);
  const neutral = matched.filter(({ rule }) => rule.gives.kind === undefined).sort(byWeight);
  const other = matched
    .filter(({ rule }) => rule.gives.kind !== undefined && (kind === undefined || !supports(rule, kind)))
    .sort(byWeight);
  return [
    ...supporting.map(({ line }) => line),
    ...neutral.map(({ line }) => line),
    ...other.map(({ rule, line }) => `(also) ${line} — suggests ${kindLabels[rule.gives.kind ?? 'unknown']}`),
  ];
}

/** Why nothing matched, in terms of what the host did answer. */
function nothingIdentifying(facts: HostFacts): string {
  const answered: string[] = [];
  if (facts.liveness === 'icmp') answered.push('ping');
  if (facts.services.length > 0) {
    const ports = facts.services.slice(0, 8).map((service) => service.port);
    answered.push(
      `TCP port${ports.length > 1 ? 's' : ''} ${ports.join(', ')}${facts.services.length > 8 ? '…' : ''}`,
    );
  }
  if (facts.snmp) answered.push('SNMP');
  if (answered.length === 0)
    return 'no identifying facts: the host was seen but answered nothing Promstead asks';
  return `no identifying facts: the host answered ${answered.join(' and ')} only`;
}

export function classify(input: HostFacts): Classification {
  const facts = boundFacts(input);
  const matched: Matched[] = [];
  for (const rule of classificationRules) {
    const match = matchRule(rule, facts);
    if (match) matched.push({ rule, line: displayText(rule.evidence(facts, match), maxEvidenceLine) });
  }
  const kind = pickKind(matched);
  const vendor = strongest(matched, kind, (rule) => rule.gives.vendor);
  const model = strongest(matched, kind, (rule) => rule.gives.model?.(facts));
  const evidence = matched.length > 0 ? evidenceOf(matched, kind) : [nothingIdentifying(facts)];
  const chosen: HostKind = kind ?? 'unknown';
  return {
    kind: chosen,
    ...(vendor ? { vendor } : {}),
    ...(model ? { model } : {}),
    confidence: kind ? confidenceOf(matched, kind) : 0,
    evidence,
  };
}
