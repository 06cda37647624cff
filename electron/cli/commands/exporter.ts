// `promstead exporter list` and `promstead exporter show <id> --style S`: the catalog
// and every artefact of one exporter, for people who install by hand.
import { readFile } from 'node:fs/promises';
import type { Engine } from '../../services/engine';
import { callOperation } from '../engine-client';
import { formatTable, printJson, printLine, type Output } from '../output';
import { UsageError } from '../usage-error';

const styles = ['docker', 'compose', 'systemd', 'k8s', 'windows'] as const;
type Style = (typeof styles)[number];

/** `--param port=9101 --param extraCollectors=systemd,processes` → params. */
export function parseParams(pairs: readonly string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals < 1) throw new UsageError(`--param takes key=value; got "${pair}".`);
    const key = pair.slice(0, equals);
    const text = pair.slice(equals + 1);
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(key))
      throw new UsageError(`--param key "${key}" is not a parameter name.`);
    params[key] = /^\d+$/.test(text)
      ? Number(text)
      : text === 'true'
        ? true
        : text === 'false'
          ? false
          : text.includes(',')
            ? text.split(',')
            : text;
  }
  return params;
}

/** Structured parameters (blackbox modules, say) from a JSON file. */
export async function readParamsFile(path: string): Promise<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--params-file ${path}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`--params-file ${path} must hold a JSON object of parameters.`);
  }
  return parsed as Record<string, unknown>;
}

export async function exporterCommand(
  engine: Engine,
  out: Output,
  args: readonly string[],
  options: { style?: string; params: string[]; paramsFile?: string; host?: string },
): Promise<number> {
  const [action, id, ...rest] = args;
  if (action === 'list' && !id) {
    const { exporters } = await callOperation(engine, 'exporters.list', {});
    if (out.json) printJson(out, exporters);
    else
      printLine(
        out,
        formatTable(
          ['id', 'version', 'port', 'install styles', 'monitors'],
          exporters.map((entry) => [
            entry.id,
            entry.version,
            String(entry.defaultPort),
            entry.installStyles.join(' '),
            entry.summary,
          ]),
        ),
      );
    return 0;
  }
  if (action !== 'show' || !id || rest.length > 0)
    throw new UsageError(
      'Use `promstead exporter list` or `promstead exporter show <id> --style docker|compose|systemd|k8s|windows`.',
    );
  const style = (options.style ?? 'docker') as Style;
  if (!styles.includes(style))
    throw new UsageError(`--style must be one of ${styles.join(', ')}; got "${options.style}".`);
  const { artefacts } = await callOperation(engine, 'exporters.artefacts', {
    id,
    style,
    params: {
      ...(options.paramsFile ? await readParamsFile(options.paramsFile) : {}),
      ...parseParams(options.params),
    },
    ...(options.host ? { host: options.host } : {}),
  });
  if (out.json) {
    printJson(out, artefacts);
    return 0;
  }
  for (const artefact of artefacts) {
    printLine(
      out,
      `# ── ${artefact.title}: ${artefact.path ?? artefact.filename}${artefact.mode ? ` (mode ${artefact.mode})` : ''}`,
    );
    printLine(out, artefact.content.trimEnd());
    printLine(out);
  }
  return 0;
}
