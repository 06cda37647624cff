// `promstead query '<promql>'`: PromQL against the Prometheus Promstead deployed (or one
// named by --server URL or --host), at this instant or over --range; one row per series.
import {
  type PrometheusServerInput,
  PromsteadError,
  type QueryAnswer,
  type SampleValue,
} from '@shared/contract';
import type { Engine } from '../../services/engine';
import { parsePrometheusDuration } from '../../services/prometheus';
import { defaultStepSeconds, formatStep } from '../../services/query';
import { callOperation } from '../engine-client';
import { formatTable, printJson, printLine, type Output } from '../output';
import { UsageError } from '../usage-error';

export interface QueryCommandOptions {
  /** A Prometheus duration: the range ends now. */
  range?: string;
  step?: string;
  server?: string;
  /** A host's id or name: the Prometheus Promstead deployed there. */
  host?: string;
}

function durationMs(text: string, option: string): number {
  const ms = parsePrometheusDuration(text);
  if (ms === undefined || ms === 0)
    throw new UsageError(
      `--${option} takes a Prometheus duration such as 30s, 15m, 1h or 2d; got "${text}".`,
    );
  return ms;
}

/** --server, --host, or the one Prometheus Promstead deployed. */
async function serverOf(engine: Engine, options: QueryCommandOptions): Promise<PrometheusServerInput> {
  if (options.server !== undefined && options.host !== undefined)
    throw new UsageError('Give --server URL or --host HOST, not both.');
  if (options.server !== undefined) return { kind: 'url', url: options.server };
  const { hosts } = await callOperation(engine, 'hosts.list', {});
  if (options.host !== undefined) {
    const wanted = options.host;
    const host = hosts.find((entry) => entry.id === wanted) ?? hosts.find((entry) => entry.name === wanted);
    return { kind: 'deployment', hostId: host?.id ?? wanted };
  }
  const { deployments } = await callOperation(engine, 'deploy.list', {});
  const prometheuses = deployments.filter((record) => record.exporter === 'prometheus');
  const [only] = prometheuses;
  if (only && prometheuses.length === 1) return { kind: 'deployment', hostId: only.hostId };
  if (prometheuses.length === 0) {
    throw new PromsteadError(
      'NOT_FOUND',
      'Promstead has not deployed a Prometheus: give its address with --server URL (e.g. --server http://nas.lan:9090).',
    );
  }
  const names = prometheuses.map(
    (record) => hosts.find((host) => host.id === record.hostId)?.name ?? record.hostId,
  );
  throw new UsageError(`Promstead deployed Prometheus on ${names.join(', ')}: choose one with --host HOST.`);
}

function formatValue(value: SampleValue): string {
  return typeof value === 'number' ? String(value) : value;
}

/** `name{label="value", …}` as Prometheus shows a series. */
function formatSeries(metric: Record<string, string>): string {
  const { __name__: name = '', ...labels } = metric;
  const pairs = Object.entries(labels).map(([label, value]) => `${label}=${JSON.stringify(value)}`);
  return pairs.length > 0 || name === '' ? `${name}{${pairs.join(', ')}}` : name;
}

function printAnswer(out: Output, answer: QueryAnswer): void {
  const { data } = answer;
  switch (data.resultType) {
    case 'scalar':
      printLine(out, formatValue(data.result[1]));
      break;
    case 'string':
      printLine(out, data.result[1]);
      break;
    case 'vector':
      if (data.result.length === 0) printLine(out, 'No series.');
      else
        printLine(
          out,
          formatTable(
            ['SERIES', 'VALUE'],
            data.result.map((series) => [formatSeries(series.metric), formatValue(series.value[1])]),
          ),
        );
      break;
    case 'matrix':
      if (data.result.length === 0) printLine(out, 'No series.');
      else
        printLine(
          out,
          formatTable(
            ['SERIES', 'LAST', 'POINTS'],
            data.result.map((series) => {
              const last = series.values.at(-1);
              return [
                formatSeries(series.metric),
                last ? formatValue(last[1]) : '',
                String(series.values.length),
              ];
            }),
          ),
        );
      break;
  }
  for (const warning of answer.warnings) out.stderr.write(`warning: ${warning}\n`);
}

export async function queryCommand(
  engine: Engine,
  out: Output,
  args: readonly string[],
  options: QueryCommandOptions,
): Promise<number> {
  const [promql, ...rest] = args;
  if (!promql || rest.length > 0)
    throw new UsageError(
      "Give one PromQL expression, quoted: promstead query 'rate(node_cpu_seconds_total[5m])'.",
    );
  if (options.step !== undefined && options.range === undefined)
    throw new UsageError('--step applies to a range: give --range too (e.g. --range 1h --step 15s).');
  const rangeMs = options.range === undefined ? undefined : durationMs(options.range, 'range');
  const stepMs = options.step === undefined ? undefined : durationMs(options.step, 'step');
  const server = await serverOf(engine, options);
  let answer: QueryAnswer;
  if (rangeMs === undefined) {
    answer = await callOperation(engine, 'query.instant', { server, query: promql });
  } else {
    const end = Date.now();
    const stepSeconds = stepMs === undefined ? defaultStepSeconds(rangeMs) : stepMs / 1000;
    answer = await callOperation(engine, 'query.range', {
      server,
      query: promql,
      start: end - rangeMs,
      end,
      stepSeconds,
    });
    if (!out.json && stepMs === undefined) out.stderr.write(`step ${formatStep(stepSeconds)}\n`);
  }
  if (out.json) printJson(out, answer);
  else printAnswer(out, answer);
  return 0;
}
