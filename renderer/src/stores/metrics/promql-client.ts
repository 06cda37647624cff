// The PromQL editor's completion source: codemirror-promql asks this client for metric
// and label names, and it asks the engine (query.names, query.metadata), never the
// server itself (the page's CSP allows no fetch to it, and the engine holds the auth).
import type { PrometheusClient } from '@prometheus-io/codemirror-promql';
import { EqlRegex, Neq, NeqRegex } from '@prometheus-io/lezer-promql';
import type { PrometheusServer } from '@shared/contract';
import type { PromsteadClient } from '../../api';

type Matcher = { name: string; value: string; type: number };

/** codemirror-promql's matcher types (its lezer grammar's token ids) to PromQL operators. */
function operatorOf(matcher: Matcher): string {
  if (matcher.type === Neq) return '!=';
  if (matcher.type === EqlRegex) return '=~';
  if (matcher.type === NeqRegex) return '!~';
  return '=';
}

/**
 * The series selector limiting a lookup; as codemirror-promql's own client, matchers on
 * the label being completed and empty ones are left out.
 */
export function selectorOf(
  metricName: string | undefined,
  matchers: readonly Matcher[] = [],
  labelName?: string,
): string[] {
  const parts = matchers
    .filter((matcher) => matcher.name !== labelName && matcher.value !== '')
    .map((matcher) => `${matcher.name}${operatorOf(matcher)}${JSON.stringify(matcher.value)}`);
  if (metricName) parts.unshift(`__name__=${JSON.stringify(metricName)}`);
  return parts.length > 0 ? [`{${parts.join(',')}}`] : [];
}

/** Answers are reused this long: typing asks for the same names on every key. */
export const completionCacheMs = 60_000;

/** Completion is best effort: a failed lookup offers nothing rather than an error. */
export function engineCompletionClient(
  client: PromsteadClient,
  server: () => PrometheusServer | undefined,
  now: () => number = Date.now,
): PrometheusClient {
  const cache = new Map<string, { at: number; names: string[] }>();
  async function names(label: string | undefined, match: string[]): Promise<string[]> {
    const current = server();
    if (!current) return [];
    const key = JSON.stringify([current, label, match]);
    const cached = cache.get(key);
    if (cached && now() - cached.at < completionCacheMs) return cached.names;
    const result = await client.api.query.names({ server: current, label, match });
    if (!result.ok) return [];
    // Bounded: a long session of completions must not grow it without end.
    if (cache.size > 500) cache.clear();
    cache.set(key, { at: now(), names: result.data.names });
    return result.data.names;
  }
  return {
    labelNames: (metricName) => names(undefined, selectorOf(metricName)),
    labelValues: (labelName, metricName, matchers) =>
      names(labelName, selectorOf(metricName, matchers, labelName)),
    metricNames: () => names('__name__', []),
    metricMetadata: async () => {
      const current = server();
      if (!current) return {};
      const result = await client.api.query.metadata({ server: current });
      return result.ok ? result.data.metadata : {};
    },
    // Series are used only to narrow label completion; label values above cover it.
    series: () => Promise.resolve([]),
    flags: () => Promise.resolve({}),
  };
}
