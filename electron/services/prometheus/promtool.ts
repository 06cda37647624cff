// Runs promtool (Debian's /usr/bin/promtool) on YAML text, so a rendered config or rule
// file is checked by Prometheus's own parser before it reaches a host. The text goes to
// a private temp dir and promtool gets an argument list, never a shell line.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, normalize } from 'node:path';

export const defaultPromtoolPath = '/usr/bin/promtool';

export interface PromtoolOptions {
  promtoolPath?: string;
  timeoutMs?: number;
}

export interface PromtoolResult {
  ok: boolean;
  /** stdout and stderr together, as promtool printed them. */
  output: string;
}

/** Files written next to the checked file, keyed by path relative to it. */
export type CompanionFiles = Record<string, string>;

/**
 * `promtool check config`. It also opens every rule_files entry, so pass their
 * contents in `ruleFiles` under the same relative paths the config names.
 */
export async function checkConfig(
  yamlText: string,
  ruleFiles: CompanionFiles = {},
  options: PromtoolOptions = {},
): Promise<PromtoolResult> {
  return withTempFiles({ ...ruleFiles, 'prometheus.yml': yamlText }, (dir) =>
    runPromtool(['check', 'config', join(dir, 'prometheus.yml')], dir, options),
  );
}

/** `promtool check rules` on one rule file. */
export async function checkRules(yamlText: string, options: PromtoolOptions = {}): Promise<PromtoolResult> {
  return withTempFiles({ 'rules.yml': yamlText }, (dir) =>
    runPromtool(['check', 'rules', join(dir, 'rules.yml')], dir, options),
  );
}

/**
 * `promtool test rules`. The tests file should name `rules.yml` in its rule_files:
 * that is where the rules text is written.
 */
export async function testRules(
  rulesYaml: string,
  testsYaml: string,
  options: PromtoolOptions = {},
): Promise<PromtoolResult> {
  return withTempFiles({ 'rules.yml': rulesYaml, 'tests.yml': testsYaml }, (dir) =>
    runPromtool(['test', 'rules', join(dir, 'tests.yml')], dir, options),
  );
}

async function withTempFiles(
  files: CompanionFiles,
  run: (dir: string) => Promise<PromtoolResult>,
): Promise<PromtoolResult> {
  const dir = await mkdtemp(join(tmpdir(), 'promstead-promtool-'));
  try {
    for (const [relativePath, text] of Object.entries(files)) {
      const target = safeJoin(dir, relativePath);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, text, { mode: 0o600 });
    }
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Keeps a companion file inside the temp dir whatever path the config names. */
function safeJoin(dir: string, relativePath: string): string {
  const cleaned = normalize(relativePath);
  if (isAbsolute(cleaned) || cleaned === '..' || cleaned.startsWith('../') || cleaned.includes('\0')) {
    throw new Error(`Refusing to write "${relativePath}" outside the promtool temp dir`);
  }
  return join(dir, cleaned);
}

function runPromtool(args: string[], cwd: string, options: PromtoolOptions): Promise<PromtoolResult> {
  const command = options.promtoolPath ?? defaultPromtoolPath;
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, timeout: options.timeoutMs ?? 30_000, maxBuffer: 4 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`.trim();
        if (error === null) {
          resolve({ ok: true, output });
          return;
        }
        // A missing binary or a timeout is a failed check, with the reason to show.
        const reason =
          'code' in error && error.code === 'ENOENT' ? `promtool not found at ${command}` : error.message;
        resolve({ ok: false, output: output === '' ? reason : output });
      },
    );
  });
}
