// `promstead binary list|add|remove`: the release binaries systemd installs take from this
// machine's cache. Offline (no GitHub), a user fills it by hand with the exporter's binary
// or its release .tar.gz, checked to be a Linux executable for its architecture.
import { isAbsolute, resolve } from 'node:path';
import {
  BinaryArchitectureSchema,
  BinaryVersionSchema,
  ExporterIdSchema,
  type BinaryArchitecture,
  type CachedBinaryEntry,
  type ExporterId,
} from '@shared/contract';
import type { Engine } from '../../services/engine';
import { callOperation } from '../engine-client';
import { formatTable, printJson, printLine, type Output } from '../output';
import { UsageError } from '../usage-error';

export interface BinaryCommandOptions {
  version?: string;
  arch?: string;
}

export async function binaryCommand(
  engine: Engine,
  out: Output,
  args: readonly string[],
  options: BinaryCommandOptions,
): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'list': {
      if (rest.length > 0 || options.version !== undefined || options.arch !== undefined)
        throw new UsageError('`binary list` takes no argument or option but --json.');
      const { binaries } = await callOperation(engine, 'binaries.list', {});
      if (out.json) printJson(out, binaries);
      else if (binaries.length === 0)
        printLine(out, 'The cache is empty: `promstead binary add <exporter> <file>` fills it.');
      else printLine(out, table(binaries));
      return 0;
    }
    case 'add': {
      const [name, file, ...extra] = rest;
      if (!name || !file || extra.length > 0)
        throw new UsageError(
          'Use `promstead binary add <exporter> <file> [--version V] [--arch A]` (the binary or its release .tar.gz).',
        );
      const result = await callOperation(engine, 'binaries.add', {
        exporter: exporterId(name),
        file: isAbsolute(file) ? file : resolve(file),
        ...versionAndArch(options),
      });
      if (out.json) printJson(out, result);
      else {
        const { binary } = result;
        printLine(
          out,
          `added ${binary.exporter} ${binary.version} (${binary.arch})  sha256 ${binary.sha256}`,
        );
        if (result.replacedSha256)
          printLine(
            out,
            `      it replaced a different binary of that version (sha256 ${result.replacedSha256})`,
          );
      }
      return 0;
    }
    case 'remove': {
      const [name, ...extra] = rest;
      if (!name || extra.length > 0)
        throw new UsageError('Use `promstead binary remove <exporter> [--version V] [--arch A]`.');
      const result = await callOperation(engine, 'binaries.remove', {
        exporter: exporterId(name),
        ...versionAndArch(options),
      });
      if (out.json) printJson(out, result);
      else
        for (const binary of result.removed)
          printLine(out, `removed ${binary.exporter} ${binary.version} (${binary.arch})`);
      return 0;
    }
    default:
      throw new UsageError('Use `promstead binary list|add|remove`.');
  }
}

function table(binaries: readonly CachedBinaryEntry[]): string {
  return formatTable(
    ['exporter', 'version', 'arch', 'size', 'sha256', 'path'],
    binaries.map((binary) => [
      binary.exporter,
      binary.version,
      binary.arch,
      `${(binary.size / 1024 / 1024).toFixed(1)} MB`,
      // A changed binary is refused by deploys: say so where the user looks.
      binary.intact ? binary.sha256 : `CHANGED since added (recorded ${binary.sha256})`,
      binary.path,
    ]),
  );
}

function versionAndArch(options: BinaryCommandOptions): { version?: string; arch?: BinaryArchitecture } {
  const result: { version?: string; arch?: BinaryArchitecture } = {};
  if (options.version !== undefined) {
    if (!BinaryVersionSchema.safeParse(options.version).success)
      throw new UsageError(`--version must be a release version like 1.8.2; got "${options.version}".`);
    result.version = options.version;
  }
  if (options.arch !== undefined) {
    const arch = BinaryArchitectureSchema.safeParse(options.arch);
    if (!arch.success)
      throw new UsageError(
        `--arch must be one of ${BinaryArchitectureSchema.options.join(', ')}; got "${options.arch}".`,
      );
    result.arch = arch.data;
  }
  return result;
}

function exporterId(name: string): ExporterId {
  const parsed = ExporterIdSchema.safeParse(name);
  if (!parsed.success)
    throw new UsageError(`"${name}" is not an exporter id; \`promstead exporter list\` shows them.`);
  return parsed.data;
}
