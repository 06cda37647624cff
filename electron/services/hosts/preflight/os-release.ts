// Parsers for the files that say what a host runs: os-release and the shell-style
// KEY="value" files NAS systems keep (Synology's VERSION and synoinfo.conf, Unraid's
// version), plus `uname -m` mapped to the names release archives use.
import type { Architecture, OsFacts } from '@shared/contract';
import { boundedLines, cleanText } from './text-bounds';

/** Keys the env-file parser keeps; real files have a few dozen (synoinfo.conf some hundreds). */
const maxKeys = 2000;

/** Undoes os-release's double-quote escapes (\", \\, \$, \`); other backslashes stay. */
function unescapeDoubleQuoted(value: string): string {
  return value.replace(/\\([\\"$`])/g, '$1');
}

/**
 * KEY=value lines as os-release(5) defines them (and as DSM and Unraid write theirs):
 * values bare, "double-" or 'single-quoted'; comments and junk lines are skipped.
 */
export function parseEnvFile(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of boundedLines(text)) {
    if (values.size >= maxKeys) break;
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) continue;
    const [, key = '', raw = ''] = match;
    const value = raw.trim();
    let parsed: string;
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
      parsed = unescapeDoubleQuoted(value.slice(1, -1));
    else if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) parsed = value.slice(1, -1);
    else parsed = value;
    values.set(key, parsed);
  }
  return values;
}

/** A value for a fact: cleaned, and absent when empty. */
function fact(values: Map<string, string>, key: string): string | undefined {
  const value = values.get(key);
  if (value === undefined) return undefined;
  const cleaned = cleanText(value, 120);
  return cleaned === '' ? undefined : cleaned;
}

export function parseOsRelease(text: string): Omit<OsFacts, 'kernelName' | 'kernelRelease'> {
  const values = parseEnvFile(text);
  const id = fact(values, 'ID')?.toLowerCase();
  const name = fact(values, 'NAME') ?? id ?? 'Linux';
  return {
    ...(id === undefined ? {} : { id }),
    idLike: (fact(values, 'ID_LIKE') ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((word) => /^[a-z0-9._-]+$/.test(word))
      .slice(0, 10),
    name,
    ...optional('versionId', fact(values, 'VERSION_ID')),
    ...optional('prettyName', fact(values, 'PRETTY_NAME')),
  };
}

export interface SynologyVersion {
  product: string;
  version?: string;
  build?: string;
}

/**
 * /etc.defaults/VERSION: DSM 7 writes productversion="7.2.1" and buildnumber="69057";
 * DSM 6 only majorversion/minorversion. Undefined when the file is not DSM's.
 */
export function parseSynologyVersion(text: string): SynologyVersion | undefined {
  const values = parseEnvFile(text);
  const major = fact(values, 'majorversion');
  const build = fact(values, 'buildnumber');
  if (major === undefined && build === undefined) return undefined;
  const minor = fact(values, 'minorversion');
  const micro = fact(values, 'micro');
  const composed = major === undefined ? undefined : [major, minor, micro].filter(Boolean).join('.');
  const version = fact(values, 'productversion') ?? composed;
  const fix = fact(values, 'smallfixnumber');
  return {
    product: fact(values, 'os_name') ?? 'DSM',
    ...optional('version', version),
    ...optional('build', build === undefined ? undefined : fix && fix !== '0' ? `${build}-${fix}` : build),
  };
}

/** synoinfo.conf: the model a person would name (upnpmodelname DS920+). */
export function parseSynologyModel(text: string): string | undefined {
  const values = parseEnvFile(text);
  return fact(values, 'upnpmodelname') ?? fact(values, 'unique');
}

/** /etc/unraid-version: version="6.12.4". */
export function parseUnraidVersion(text: string): string | undefined {
  return fact(parseEnvFile(text), 'version');
}

/**
 * /etc/version on TrueNAS: SCALE 22–23 writes "22.12.4", older ones
 * "TrueNAS-SCALE-22.12.4", CORE "TrueNAS-13.0-U5.3 (hash)".
 */
export function parseTrueNasVersion(text: string): { product: string; version?: string } {
  const first = cleanText(boundedLines(text, 1)[0] ?? '', 120);
  const named = /^TrueNAS-(SCALE-)?([0-9][0-9A-Za-z.-]*)/.exec(first);
  if (named) return { product: named[1] ? 'TrueNAS SCALE' : 'TrueNAS CORE', version: named[2] };
  const bare = /^([0-9]{2}\.[0-9][0-9A-Za-z.-]*)/.exec(first);
  return bare ? { product: 'TrueNAS SCALE', version: bare[1] } : { product: 'TrueNAS' };
}

/** `pveversion`: "pve-manager/8.1.4/ec5affc9e41f1d79 (running kernel: 6.5.13-1-pve)". */
export function parsePveVersion(text: string): string | undefined {
  for (const line of boundedLines(text, 50)) {
    const match = /^pve-manager\/([0-9][0-9A-Za-z.~+-]*)/.exec(line.trim());
    if (match) return match[1];
  }
  return undefined;
}

const architectures: ReadonlyArray<[RegExp, Architecture]> = [
  [/^(x86_64|amd64|x64)$/, 'amd64'],
  [/^(aarch64|arm64|armv8[a-z]*)$/, 'arm64'],
  [/^armv7/, 'armv7'],
  [/^armv6/, 'armv6'],
  [/^armv5/, 'armv5'],
  [/^(i[3-6]86|x86)$/, '386'],
  [/^ppc64le$/, 'ppc64le'],
  [/^s390x$/, 's390x'],
  [/^riscv64$/, 'riscv64'],
];

/** `uname -m` to the architecture names release archives and images use. */
export function mapArchitecture(machine: string): Architecture {
  const name = machine.trim().toLowerCase();
  for (const [pattern, arch] of architectures) if (pattern.test(name)) return arch;
  return 'unknown';
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
