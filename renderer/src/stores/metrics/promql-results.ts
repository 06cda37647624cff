// PromQL answers shaped for the page: the step a range query uses by default (as
// Prometheus's own graph picks it), the query history, an instant vector as table rows,
// and a matrix as aligned columns for uPlot (every series on the union of timestamps).
import type { QueryResult } from '@shared/contract';
import { sampleNumber } from './metric-units';
import { labelsText } from './series-key';

export const queryRanges = [
  { seconds: 300, label: '5 m' },
  { seconds: 900, label: '15 m' },
  { seconds: 3600, label: '1 h' },
  { seconds: 3 * 3600, label: '3 h' },
  { seconds: 12 * 3600, label: '12 h' },
  { seconds: 86_400, label: '1 d' },
  { seconds: 7 * 86_400, label: '1 w' },
] as const;

/** About 250 points across the range, never under a second, as the Prometheus UI does. */
export function autoStepSeconds(rangeSeconds: number): number {
  return Math.max(1, Math.floor(rangeSeconds / 250));
}

export const historyLimit = 25;

/** Newest first, without repeats, bounded. */
export function pushHistory(history: readonly string[], expression: string): string[] {
  const text = expression.trim();
  if (text === '') return [...history];
  return [text, ...history.filter((entry) => entry !== text)].slice(0, historyLimit);
}

export interface InstantRow {
  series: string;
  value: string;
}

/** Table rows of any instant answer; a matrix shows each series' last point. */
export function instantRows(result: QueryResult): InstantRow[] {
  switch (result.resultType) {
    case 'vector':
      return result.result.map((entry) => ({
        series: seriesName(entry.metric),
        value: String(entry.value[1]),
      }));
    case 'matrix':
      return result.result.map((entry) => ({
        series: seriesName(entry.metric),
        value: entry.values.map((point) => `${String(point[1])} @${point[0]}`).join('\n'),
      }));
    case 'scalar':
      return [{ series: 'scalar', value: String(result.result[1]) }];
    case 'string':
      return [{ series: 'string', value: result.result[1] }];
  }
}

function seriesName(metric: Readonly<Record<string, string>>): string {
  const name = metric.__name__ ?? '';
  const { __name__: _omitted, ...labels } = metric;
  return name + labelsText(labels) || '{}';
}

export interface GraphColumns {
  times: number[];
  labels: string[];
  series: (number | null)[][];
}

/** A matrix on one time axis (seconds); a series without a point at a time has a gap there. */
export function matrixColumns(result: QueryResult): GraphColumns {
  if (result.resultType !== 'matrix') return { times: [], labels: [], series: [] };
  const times = [...new Set(result.result.flatMap((entry) => entry.values.map((point) => point[0])))].sort(
    (a, b) => a - b,
  );
  const position = new Map(times.map((time, index) => [time, index]));
  const series = result.result.map((entry) => {
    const column: (number | null)[] = new Array<number | null>(times.length).fill(null);
    for (const [time, value] of entry.values) {
      const number = sampleNumber(value);
      column[position.get(time) as number] = Number.isFinite(number) ? number : null;
    }
    return column;
  });
  return { times, labels: result.result.map((entry) => seriesName(entry.metric)), series };
}
