#!/usr/bin/env node
// `npm start`: builds the bundles when they are missing or older than the sources,
// then runs the desktop app, or browser mode where the Electron binary is absent.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outputs = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const sources = [
  'electron',
  'shared',
  'renderer',
  'electron.vite.config.ts',
  'package.json',
  'tsconfig.base.json',
];
const passThrough = process.argv.slice(2);

/** Newest modification time under a file or folder, skipping dependencies and dot folders. */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

function needsBuild() {
  const built = outputs.map((file) => join(root, file));
  if (!built.every((file) => existsSync(file))) return true;
  const oldestOutput = Math.min(...built.map((file) => statSync(file).mtimeMs));
  return sources.some((source) => newestMtime(join(root, source)) > oldestOutput);
}

/** A fresh checkout has no dependencies yet: install exactly what the lockfile says. */
function installIfMissing() {
  if (existsSync(join(root, 'node_modules', '.package-lock.json'))) return;
  console.log('Installing dependencies (npm ci)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function build() {
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * The Electron executable if it is really on disk. `require('electron')` is not used
 * to find out: when the binary is missing it starts a download, which fails here.
 */
function electronBinary() {
  const packageDir = join(root, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(packageDir, 'dist');
  if (!relative && !process.env.ELECTRON_OVERRIDE_DIST_PATH) return undefined;
  const binary = join(distDir, relative || 'electron');
  return existsSync(binary) ? binary : undefined;
}

/** Runs the child with our terminal, passes on SIGINT/SIGTERM, and exits with its code. */
function run(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(child.pid, signal);
    } catch {
      // It exited between the check and the kill.
    }
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
  });
}

installIfMissing();
if (needsBuild()) build();

const electron = electronBinary();
if (electron) {
  // Set in a parent shell, this would make Electron run as plain Node.
  const { ELECTRON_RUN_AS_NODE: _runAsNode, ...env } = process.env;
  run(electron, ['.', ...passThrough], env);
} else {
  console.log(
    'Electron is not installed here (its binary could not be downloaded); starting browser mode instead.',
  );
  run(process.execPath, [join(root, 'bin', 'promstead.mjs'), 'serve', '--open', ...passThrough]);
}
