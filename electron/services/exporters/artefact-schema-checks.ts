// Test helpers that hand rendered artefacts to the upstream tools' own parsers:
// docker-compose's compose-spec validation and MariaDB's option-file parser.
// Arguments always go as a list to execFile, never through a shell.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'vitest';
import { parse } from 'yaml';
import { withTempFiles, type ToolResult } from './tool-checks';

export const dockerComposePath = '/usr/bin/docker-compose';
export const myPrintDefaultsPath = '/usr/bin/my_print_defaults';

/**
 * A describe that runs when the tool is installed and, under CI, also when it is not,
 * so a CI image that lost the package fails loudly instead of skipping (as promtool's).
 */
export function describeWithTool(toolPath: string): typeof describe {
  return existsSync(toolPath) || process.env.CI === 'true' ? describe : (describe.skip as typeof describe);
}

function run(file: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  return new Promise<ToolResult>((resolve) => {
    execFile(file, [...args], { ...options, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr: error && stderr === '' ? error.message : stderr });
    });
  });
}

/**
 * `docker-compose config -q`: loads the file, validates it against the compose-spec JSON
 * schema and interpolates variables. The environment is bare so a variable the file
 * leaks (an unescaped $) warns instead of being filled from ours, and DOCKER_HOST points
 * nowhere to prove the check needs no daemon.
 */
export function composeConfigCheck(compose: string): Promise<ToolResult> {
  const { content, envFiles } = withStandInEnvFiles(compose);
  return withTempFiles({ 'docker-compose.yml': content, ...envFiles }, (directory) =>
    run(
      dockerComposePath,
      ['--project-directory', directory, '-f', join(directory, 'docker-compose.yml'), 'config', '-q'],
      {
        cwd: directory,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: directory,
          DOCKER_HOST: `unix://${join(directory, 'no-docker-daemon.sock')}`,
        },
      },
    ),
  );
}

/**
 * Compose opens every env_file while loading, and ours live under /etc on the target
 * host: each becomes a stand-in next to the compose file. Only those path strings change.
 */
function withStandInEnvFiles(compose: string): { content: string; envFiles: Record<string, string> } {
  const services = (parse(compose) as { services?: Record<string, { env_file?: string[] }> }).services ?? {};
  const paths = Object.values(services).flatMap((service) => service.env_file ?? []);
  let content = compose;
  const envFiles: Record<string, string> = {};
  for (const [index, path] of paths.entries()) {
    const name = `stand-in-${index}.env`;
    content = content.replaceAll(`- ${path}\n`, `- ./${name}\n`);
    envFiles[name] = 'PROMSTEAD_STAND_IN=1\n';
  }
  return { content, envFiles };
}

/** The options MariaDB's client programs would read from a .my.cnf's [client] group. */
export function myPrintDefaults(myCnf: string): Promise<ToolResult> {
  return withTempFiles({ '.my.cnf': myCnf }, (directory) =>
    run(myPrintDefaultsPath, [`--defaults-file=${join(directory, '.my.cnf')}`, 'client'], {
      cwd: directory,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: directory },
    }),
  );
}
