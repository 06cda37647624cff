// What a Promstead container is made of, in two forms: hashes over the create options and
// the config files it reads (labels on the container, so the planner knows at a glance
// whether it is current, and whether only file contents changed) and readable
// `key: value` lines the plan diffs.
import { createHash } from 'node:crypto';
import type Docker from 'dockerode';
import type { ContainerSpec } from '../../exporters';

export const specHashLabel = 'io.promstead.spec-hash';
/**
 * The same hash without the files' contents: equal on both sides means a new file content
 * is all that changed, which an exporter that reloads takes without a new container.
 */
export const settingsHashLabel = 'io.promstead.settings-hash';

/** A config file as it enters the hash: its content by SHA-256 (of the filled bytes, in memory only). */
export interface HashedFile {
  path: string;
  kind: 'file' | 'directory';
  mode: number;
  uid: number;
  gid: number;
  sha256?: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON with object keys sorted at every level: the same spec always gives the same text. */
export function canonicalJson(value: unknown): string {
  const normalise = (item: unknown): Json => {
    if (item === null || item === undefined) return null;
    if (Array.isArray(item)) return item.map(normalise);
    if (typeof item === 'object') {
      const out: { [key: string]: Json } = {};
      for (const key of Object.keys(item).sort()) {
        const child = (item as Record<string, unknown>)[key];
        if (child !== undefined) out[key] = normalise(child);
      }
      return out;
    }
    if (typeof item === 'number' || typeof item === 'boolean' || typeof item === 'string') return item;
    return String(item);
  };
  return JSON.stringify(normalise(value));
}

function withoutHashLabel(spec: ContainerSpec): ContainerSpec {
  const { [specHashLabel]: _hash, [settingsHashLabel]: _settings, ...labels } = spec.Labels ?? {};
  return { ...spec, Labels: labels };
}

/** Stable over key order; changes with any create option or any file's content, mode or owner. */
export function specHash(spec: ContainerSpec, files: readonly HashedFile[]): string {
  const sortedFiles = [...files].sort((a, b) => a.path.localeCompare(b.path));
  return createHash('sha256')
    .update(canonicalJson({ spec: withoutHashLabel(spec), files: sortedFiles }))
    .digest('hex');
}

/**
 * Like specHash, but blind to what the files hold: it still changes with any create option
 * and with a file added, removed, or given another mode or owner.
 */
export function settingsHash(spec: ContainerSpec, files: readonly HashedFile[]): string {
  return specHash(
    spec,
    files.map(({ sha256: _content, ...file }) => file),
  );
}

export function withSpecHash(spec: ContainerSpec, hash: string, settings?: string): ContainerSpec {
  return {
    ...spec,
    Labels: { ...spec.Labels, [specHashLabel]: hash, ...(settings ? { [settingsHashLabel]: settings } : {}) },
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The actual value cut down to the keys the desired one has, so Docker's defaults do not show as changes. */
function project(actual: unknown, desired: unknown): unknown {
  if (!isPlainObject(desired) || !isPlainObject(actual)) return actual;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(desired)) out[key] = project(actual[key], desired[key]);
  return out;
}

function lines(prefix: string, value: unknown, out: string[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) out.push(`${prefix}: ${typeof item === 'string' ? item : canonicalJson(item)}`);
    if (value.length === 0) out.push(`${prefix}: (none)`);
    return;
  }
  if (isPlainObject(value)) {
    for (const key of Object.keys(value).sort()) lines(`${prefix}.${key}`, value[key], out);
    return;
  }
  out.push(`${prefix}: ${typeof value === 'string' ? value : canonicalJson(value)}`);
}

/** The settings a spec asks for, one per line, sorted (the hash labels left out: they are not settings). */
export function settingsText(spec: ContainerSpec): string {
  const { name: _name, HostConfig, ...config } = withoutHashLabel(spec);
  const out: string[] = [];
  for (const key of Object.keys(config).sort()) lines(key, (config as Record<string, unknown>)[key], out);
  if (HostConfig) lines('HostConfig', HostConfig, out);
  return `${out.join('\n')}\n`;
}

/**
 * A running container's settings in the same lines, limited to what the desired spec
 * sets (the image's own environment and Docker's defaults are not Promstead's).
 */
export function actualSettingsText(inspect: Docker.ContainerInspectInfo, desired: ContainerSpec): string {
  const { name: _name, HostConfig: desiredHost, ...desiredConfig } = withoutHashLabel(desired);
  const config = inspect.Config as unknown as Record<string, unknown>;
  const actual: Record<string, unknown> = {};
  for (const key of Object.keys(desiredConfig)) {
    let value = project(config[key], (desiredConfig as Record<string, unknown>)[key]);
    if (key === 'Env' && Array.isArray(value)) {
      const wanted = new Set(
        (desired.Env ?? []).map((entry) => entry.slice(0, Math.max(0, entry.indexOf('=')))),
      );
      value = value.filter(
        (entry): entry is string =>
          typeof entry === 'string' && wanted.has(entry.slice(0, Math.max(0, entry.indexOf('=')))),
      );
    }
    if (key === 'Labels' && isPlainObject(config.Labels)) {
      value = Object.fromEntries(
        Object.entries(config.Labels).filter(
          ([label]) =>
            label.startsWith('io.promstead.') && label !== specHashLabel && label !== settingsHashLabel,
        ),
      );
    }
    actual[key] = value;
  }
  const out: string[] = [];
  for (const key of Object.keys(actual).sort()) lines(key, actual[key], out);
  if (desiredHost) lines('HostConfig', project(inspect.HostConfig, desiredHost), out);
  return `${out.join('\n')}\n`;
}
