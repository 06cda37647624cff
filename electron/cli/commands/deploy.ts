// `promstead deploy plan|apply <host> <exporter…>` and `promstead uninstall <host> [exporter…]`:
// the plan is shown before anything changes; apply asks first unless --yes.
import { ExporterIdSchema, type DeployPlan, type ExporterId, type ExporterRequest } from '@shared/contract';
import type { Engine } from '../../services/engine';
import { callOperation, runJobOperation } from '../engine-client';
import { printJson, printLine, type Output } from '../output';
import { ask } from '../prompt';
import { UsageError } from '../usage-error';
import { parseParams, readParamsFile } from './exporter';

export interface DeployCommandOptions {
  /** `k=v` for every exporter, or `exporter.k=v` for one. */
  params: string[];
  yes: boolean;
  method?: string;
  /**
   * Structured parameters (blackbox modules, say) as JSON: keyed by exporter id, or one
   * object for every exporter named. `--param` wins over it.
   */
  paramsFile?: string;
}

export async function deployCommand(
  engine: Engine,
  out: Output,
  args: readonly string[],
  options: DeployCommandOptions,
): Promise<number> {
  const [action, hostId, ...exporterNames] = args;
  if ((action !== 'plan' && action !== 'apply') || !hostId || exporterNames.length === 0)
    throw new UsageError('Use `promstead deploy plan|apply <host> <exporter…> [--param k=v] [--yes]`.');
  const method = options.method ?? 'auto';
  if (method !== 'auto' && method !== 'docker' && method !== 'systemd')
    throw new UsageError(`--method must be auto, docker or systemd; got "${method}".`);
  const fileParams = options.paramsFile ? await readParamsFile(options.paramsFile) : {};
  const input = {
    hostId,
    exporters: requestsFrom(exporterNames, options.params, fileParams),
    method,
  } as const;

  const plan = await callOperation(engine, 'deploy.plan', input);
  if (action === 'plan' || plan.actions.length === 0) {
    if (out.json) printJson(out, plan);
    else printPlan(out, plan);
    return 0;
  }
  if (!out.json) printPlan(out, plan);
  if (!options.yes) {
    if (!process.stdin.isTTY || out.json) throw new UsageError('Pass --yes to apply without a prompt.');
    if ((await ask('Apply these changes? Type yes: ')).trim() !== 'yes') throw new UsageError('Not applied.');
  }
  const result = await runJobOperation(engine, 'deploy.apply', input, out);
  if (out.json) printJson(out, result);
  else {
    for (const verification of result.verifications) {
      printLine(
        out,
        `${verification.ok ? 'verified' : 'NOT verified'}  ${verification.exporter}  ${verification.url}`,
      );
      for (const sample of verification.samples.slice(0, 3))
        printLine(out, `      ${sample.series} ${sample.value}`);
    }
  }
  return 0;
}

export async function uninstallCommand(
  engine: Engine,
  out: Output,
  args: readonly string[],
): Promise<number> {
  const [hostId, ...names] = args;
  if (!hostId) throw new UsageError('Use `promstead uninstall <host> [exporter…]`.');
  const exporters = names.map(exporterId);
  const result = await runJobOperation(engine, 'deploy.uninstall', { hostId, exporters }, out);
  if (out.json) printJson(out, result);
  else {
    for (const line of result.removed) printLine(out, `removed  ${line}`);
    for (const line of result.kept) printLine(out, `kept     ${line}`);
  }
  return 0;
}

function requestsFrom(
  names: readonly string[],
  pairs: readonly string[],
  fileParams: Record<string, unknown>,
): ExporterRequest[] {
  const exporters = names.map(exporterId);
  const shared: string[] = [];
  const own = new Map<ExporterId, string[]>();
  for (const pair of pairs) {
    const dot = pair.indexOf('.');
    const equals = pair.indexOf('=');
    const prefix = dot > 0 && dot < equals ? pair.slice(0, dot) : undefined;
    const parsed = prefix === undefined ? undefined : ExporterIdSchema.safeParse(prefix);
    if (parsed?.success) own.set(parsed.data, [...(own.get(parsed.data) ?? []), pair.slice(dot + 1)]);
    else shared.push(pair);
  }
  const keys = Object.keys(fileParams);
  const byExporter = keys.length > 0 && keys.every((key) => ExporterIdSchema.safeParse(key).success);
  const fromFile = (exporter: ExporterId): Record<string, unknown> => {
    if (!byExporter) return fileParams;
    const own = fileParams[exporter];
    if (own === undefined) return {};
    if (typeof own !== 'object' || own === null || Array.isArray(own))
      throw new UsageError(`--params-file: "${exporter}" must hold an object of parameters.`);
    return own as Record<string, unknown>;
  };
  return exporters.map((exporter) => ({
    exporter,
    params: { ...fromFile(exporter), ...parseParams(shared), ...parseParams(own.get(exporter) ?? []) },
  }));
}

function exporterId(name: string): ExporterId {
  const parsed = ExporterIdSchema.safeParse(name);
  if (!parsed.success)
    throw new UsageError(`"${name}" is not an exporter id; \`promstead exporter list\` shows them.`);
  return parsed.data;
}

function printPlan(out: Output, plan: DeployPlan): void {
  if (plan.actions.length === 0) printLine(out, `${plan.hostId}: no changes`);
  for (const action of plan.actions) {
    printLine(out, `${action.kind.padEnd(18)} ${action.exporter.padEnd(18)} ${action.summary}`);
    if (action.diff) for (const line of action.diff.trimEnd().split('\n')) printLine(out, `      ${line}`);
  }
  for (const note of plan.notes) out.stderr.write(`note: ${note}\n`);
}
