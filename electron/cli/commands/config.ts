// `promstead config render` (from the saved inventory or a spec file) and
// `promstead config check` (promtool on a prometheus.yml and the rule files it names).
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, posix } from 'node:path';
import { parse } from 'yaml';
import type { ConfigCheckOutput, ConfigSource, RenderedFile } from '@shared/contract';
import type { Engine } from '../../services/engine';
import { writeFileAtomic } from '../../services/store/atomic-file';
import { callOperation } from '../engine-client';
import { printJson, printLine, type Output } from '../output';
import { EXIT_FAILED, UsageError } from '../usage-error';

export interface ConfigCommandOptions {
  spec?: string;
  includeSuggested: boolean;
  probeHost?: string;
  out?: string;
  check: boolean;
  /** A user's prometheus.yml to merge into. */
  merge?: string;
}

export async function configCommand(
  engine: Engine,
  out: Output,
  args: readonly string[],
  options: ConfigCommandOptions,
): Promise<number> {
  const [action, file, ...rest] = args;
  if (rest.length > 0 || (action !== 'render' && action !== 'check'))
    throw new UsageError('Use `promstead config render [--spec FILE]` or `promstead config check [FILE]`.');
  if (action === 'render') {
    if (file) throw new UsageError('`config render` takes no file argument; give a spec with --spec FILE.');
    return render(engine, out, options);
  }
  if (options.out || options.check || options.merge)
    throw new UsageError(
      '--out, --merge and --check apply to `config render`; `config check` prints its verdict.',
    );
  if (file && (options.spec || options.includeSuggested || options.probeHost))
    throw new UsageError(
      '`config check FILE` checks that file; --spec, --include-suggested and --probe-host choose what to render without one.',
    );
  const files = file ? await readConfigWithRules(file) : await renderedFiles(engine, options);
  return report(out, await callOperation(engine, 'config.check', { files }), file ? undefined : files);
}

async function render(engine: Engine, out: Output, options: ConfigCommandOptions): Promise<number> {
  const mergeInto = options.merge ? await readText(options.merge, '--merge') : undefined;
  const { files, notes } = await callOperation(engine, 'config.render', {
    from: await sourceOf(options),
    ...(mergeInto !== undefined ? { mergeInto } : {}),
  });
  const check = options.check ? await callOperation(engine, 'config.check', { files }) : undefined;
  if (options.out) {
    for (const file of files) {
      const target = join(options.out, ...file.path.split('/'));
      await mkdir(dirname(target), { recursive: true });
      // Prometheus runs as its own user: the files must be readable by it.
      await writeFileAtomic(target, file.content, { mode: 0o644 });
    }
  }
  if (out.json) {
    printJson(out, {
      files: options.out ? files.map((f) => f.path) : files,
      notes,
      ...(check ? { check } : {}),
    });
  } else {
    if (options.out) {
      for (const file of files) printLine(out, `wrote ${join(options.out, ...file.path.split('/'))}`);
    } else {
      for (const file of files) {
        printLine(out, `# ── ${file.path}`);
        printLine(out, file.content.trimEnd());
        printLine(out);
      }
    }
    for (const note of notes) out.stderr.write(`note: ${note}\n`);
    if (check) printChecks(out, check);
  }
  return check && !check.ok ? EXIT_FAILED : 0;
}

async function sourceOf(options: ConfigCommandOptions): Promise<ConfigSource> {
  if (options.spec) {
    if (options.includeSuggested || options.probeHost)
      throw new UsageError('--include-suggested and --probe-host apply to the inventory, not to --spec.');
    let spec: unknown;
    try {
      spec = JSON.parse(await readFile(options.spec, 'utf8'));
    } catch (error) {
      throw new UsageError(`--spec ${options.spec}: ${(error as Error).message}`);
    }
    return { source: 'spec', spec: spec as Extract<ConfigSource, { source: 'spec' }>['spec'] };
  }
  return {
    source: 'inventory',
    includeSuggested: options.includeSuggested,
    ...(options.probeHost ? { probeHost: options.probeHost } : {}),
  };
}

async function renderedFiles(engine: Engine, options: ConfigCommandOptions): Promise<RenderedFile[]> {
  const { files } = await callOperation(engine, 'config.render', { from: await sourceOf(options) });
  return files;
}

function report(out: Output, result: ConfigCheckOutput, rendered: RenderedFile[] | undefined): number {
  if (out.json) printJson(out, rendered ? { ...result, files: rendered.map((file) => file.path) } : result);
  else printChecks(out, result);
  return result.ok ? 0 : EXIT_FAILED;
}

function printChecks(out: Output, result: ConfigCheckOutput): void {
  for (const check of result.checks) {
    printLine(out, `${check.ok ? 'ok  ' : 'FAIL'}  ${check.path}`);
    if (!check.ok || check.output.includes('WARNING'))
      for (const line of check.output.split('\n')) printLine(out, `      ${line}`);
  }
  printLine(out, `${result.ok ? 'valid' : 'not valid'} (checked by ${result.checker})`);
}

/**
 * The file and the rule files it names with relative paths (a `*` in the last segment
 * too), as promtool would find them beside it. Absolute rule paths promtool opens itself.
 */
async function readConfigWithRules(path: string): Promise<RenderedFile[]> {
  const text = await readText(path, 'config check');
  const files: RenderedFile[] = [{ path: 'prometheus.yml', content: text }];
  let ruleFiles: unknown;
  try {
    ruleFiles = (parse(text) as { rule_files?: unknown } | null)?.rule_files;
  } catch {
    return files; // promtool reports the YAML error with its own words.
  }
  if (!Array.isArray(ruleFiles)) return files;
  const base = dirname(path);
  for (const pattern of ruleFiles) {
    if (typeof pattern !== 'string' || isAbsolute(pattern) || pattern.split('/').includes('..')) continue;
    for (const relative of await expandPattern(base, pattern)) {
      files.push({ path: relative, content: await readFile(join(base, relative), 'utf8') });
    }
  }
  return files;
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${what}: cannot read ${path}: ${(error as Error).message}`);
  }
}

async function expandPattern(base: string, pattern: string): Promise<string[]> {
  const directory = posix.dirname(pattern);
  const name = posix.basename(pattern);
  if (!name.includes('*')) return [pattern];
  const matcher = new RegExp(`^${name.split('*').map(escapeRegExp).join('[^/]*')}$`);
  const entries = await readdir(join(base, directory)).catch(() => [] as string[]);
  return entries
    .filter((entry) => matcher.test(entry))
    .sort()
    .map((entry) => (directory === '.' ? entry : `${directory}/${entry}`));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
