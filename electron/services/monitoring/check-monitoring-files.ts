// `config check`: Prometheus's own promtool judges prometheus.yml (with the rule files
// it names beside it) and each rule file, so a config is known good before any host
// reloads it. Works on Promstead's files and on a user's own.
import { execFile } from 'node:child_process';
import { PromsteadError, type ConfigCheckOutput, type RenderedFile } from '@shared/contract';
import { checkConfig, checkRules, defaultPromtoolPath } from '../prometheus';

export interface CheckOptions {
  /** The promtool to run; `PROMSTEAD_PROMTOOL`, else Debian's path, else the PATH's. */
  promtoolPath?: string;
}

export async function checkMonitoringFiles(
  files: readonly RenderedFile[],
  options: CheckOptions = {},
): Promise<ConfigCheckOutput> {
  const configFile = files.find((file) => /(^|\/)prometheus\.ya?ml$/.test(file.path)) ?? files[0];
  if (!configFile) throw new PromsteadError('VALIDATION', 'Nothing to check: give prometheus.yml.');
  const promtoolPath = options.promtoolPath ?? (await locatePromtool());
  const checker = await promtoolVersion(promtoolPath);
  const companions = Object.fromEntries(
    files.filter((file) => file !== configFile).map((file) => [file.path, file.content]),
  );

  const checks: ConfigCheckOutput['checks'] = [];
  const config = await checkConfig(configFile.content, companions, { promtoolPath });
  checks.push({ path: configFile.path, ok: config.ok, output: config.output });
  for (const file of files) {
    if (file === configFile) continue;
    const rules = await checkRules(file.content, { promtoolPath });
    checks.push({ path: file.path, ok: rules.ok, output: rules.output });
  }
  return { ok: checks.every((check) => check.ok), checker, checks };
}

async function locatePromtool(): Promise<string> {
  const candidates = [process.env.PROMSTEAD_PROMTOOL, defaultPromtoolPath, 'promtool'].filter(
    (candidate): candidate is string => Boolean(candidate),
  );
  for (const candidate of candidates) {
    if ((await promtoolVersion(candidate).catch(() => undefined)) !== undefined) return candidate;
  }
  throw new PromsteadError(
    'TOOL_UNAVAILABLE',
    "promtool (Prometheus's config checker) is not installed here: install it (Debian: `apt install prometheus`; or the promtool binary from the Prometheus release) or set PROMSTEAD_PROMTOOL to its path.",
  );
}

/** "promtool, version 2.42.0 (branch: …)" → "promtool, version 2.42.0". */
function promtoolVersion(promtoolPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(promtoolPath, ['--version'], { timeout: 10_000, windowsHide: true }, (error, stdout, stderr) => {
      if (error) {
        reject(
          new PromsteadError('TOOL_UNAVAILABLE', `promtool at ${promtoolPath} did not run: ${error.message}`),
        );
        return;
      }
      const firstLine = `${stdout}${stderr}`.split('\n')[0] ?? '';
      resolve(firstLine.replace(/\s*\(.*$/, '').trim() || 'promtool');
    });
  });
}
