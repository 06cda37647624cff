// Finds the programs the project's code starts on this machine, by reading its source:
// absolute program paths (/usr/bin/…, /usr/sbin/…, /bin/…, /sbin/…) in string literals,
// and bare command names given to the functions that spawn them. Used by the guard that
// keeps test/debian-packages.txt complete.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface ProgramUse {
  /** An absolute path, or a bare name looked up in PATH. */
  program: string;
  file: string;
  line: number;
}

/**
 * Functions whose first argument is a program to start: Node's own and the project's
 * wrappers around them (the lab's `run`, the unit suite's `runTool` and
 * `startProcess`, diagnostics' `runCommand` and `findExecutable`, discovery's
 * `spawnLines`). Only plain calls count: `lane.run('the deploy…')` is a method of
 * something else, and preflight's `probe.tool('ss')` names a program on a remote host.
 */
export const spawningFunctions: ReadonlySet<string> = new Set([
  'spawn',
  'spawnSync',
  'execFile',
  'execFileSync',
  'execFileAsync',
  'run',
  'runTool',
  'startProcess',
  'runCommand',
  'findExecutable',
  'spawnLines',
]);

const absoluteProgramPattern = /^\/(?:usr\/)?s?bin\/[A-Za-z0-9._+-]+$/;
const bareNamePattern = /^[A-Za-z0-9._+-]+$/;
const sourceExtensions = /\.(?:ts|tsx|mts|mjs|js|cjs)$/;
const skippedDirectories = new Set([
  'node_modules',
  'out',
  'dist',
  'test-results',
  'playwright-report',
  '.tmp',
]);

function literalText(node: ts.Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    ? node.text
    : undefined;
}

function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  // child_process.spawn(…) and the like, not lane.run(…).
  if (
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    /^(?:child_process|childProcess|cp)$/.test(callee.expression.text)
  )
    return callee.name.text;
  return undefined;
}

/** The programs one source file starts (or names by absolute path). */
export function programUsesIn(file: string, text: string): ProgramUse[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const uses: ProgramUse[] = [];
  const add = (program: string, node: ts.Node): void => {
    uses.push({ program, file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    const literal = literalText(node);
    if (literal !== undefined && absoluteProgramPattern.test(literal)) add(literal, node);
    if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      const first = literalText(node.arguments[0]);
      if (name && spawningFunctions.has(name) && first && bareNamePattern.test(first)) add(first, node);
    }
    // Daemon specs of the lab: { argv: ['snmpd', '-f', …] }.
    if (
      ts.isPropertyAssignment(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === 'argv' &&
      ts.isArrayLiteralExpression(node.initializer)
    ) {
      const first = literalText(node.initializer.elements[0]);
      if (first && bareNamePattern.test(first)) add(first, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

function sourceFiles(root: string, directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(root, directory), { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!skippedDirectories.has(entry.name)) files.push(...sourceFiles(root, path));
    } else if (entry.isFile() && sourceExtensions.test(entry.name)) files.push(path);
  }
  return files;
}

/** Every program use in the given files and folders of the project (paths relative to root). */
export function findProgramUses(root: string, paths: readonly string[]): ProgramUse[] {
  return paths
    .flatMap((path) => (statSync(join(root, path)).isDirectory() ? sourceFiles(root, path) : [path]))
    .map((file) => relative(root, join(root, file)))
    .flatMap((file) => programUsesIn(file, readFileSync(join(root, file), 'utf8')));
}
