// The blackbox module editor's copy of params.modules, kept as typed text: read from the
// parameters JSON when it has a shape the editor can show, checked field by field, and
// written back into the same JSON only when every module would pass the server's schema.
import { ProbeBodySchema, TimeoutSecondsSchema } from '@shared/contract';
import {
  blackboxPresets,
  dnsQueryTypes,
  isContentType,
  isDomainName,
  isModuleName,
  isSecretId,
  parseStatusCodes,
  splitCodes,
  patternsProblem,
  splitLines,
  targetsProblem,
  type BlackboxPreset,
  type DnsQueryType,
} from './module-checks';

export interface BlackboxModuleDraft {
  /** Stable identity for React and for answers (a saved token) that arrive after a reorder. */
  key: number;
  preset: BlackboxPreset;
  /** Empty means the preset's name. */
  name: string;
  /** Empty means the server's default (5 s). */
  timeoutSeconds: string;
  /** One per line. */
  targets: string;
  /** Comma or space separated; empty means any 2xx. */
  validStatusCodes: string;
  bearerTokenSecretId: string;
  body: string;
  contentType: string;
  /** One pattern per line. */
  bodyMustMatch: string;
  queryName: string;
  queryType: DnsQueryType;
  /** One pattern per line. */
  answerMustMatch: string;
}

/** A field of a module that belongs to some presets only. */
export type PresetField =
  | 'validStatusCodes'
  | 'bearerTokenSecretId'
  | 'body'
  | 'contentType'
  | 'bodyMustMatch'
  | 'queryName'
  | 'queryType'
  | 'answerMustMatch';

export const presetFields = {
  http_2xx: ['validStatusCodes'],
  http_post_auth: ['bearerTokenSecretId', 'body', 'contentType', 'bodyMustMatch'],
  http_ssl_check: ['bodyMustMatch'],
  tcp_connect: [],
  tcp_connect_tls: [],
  icmp: [],
  dns: ['queryName', 'queryType'],
  dns_mx: ['queryName', 'answerMustMatch'],
} as const satisfies Record<BlackboxPreset, readonly PresetField[]>;

export const defaultBody = '{"health_check": true}';
export const defaultContentType = 'application/json';

export function emptyModuleDraft(key: number, preset: BlackboxPreset): BlackboxModuleDraft {
  return {
    key,
    preset,
    name: '',
    timeoutSeconds: '',
    targets: '',
    validStatusCodes: '',
    bearerTokenSecretId: '',
    body: defaultBody,
    contentType: defaultContentType,
    bodyMustMatch: '',
    queryName: '',
    queryType: 'A',
    answerMustMatch: '',
  };
}

/** The name the module gets in blackbox.yml and in its scrape job. */
export function effectiveName(draft: Pick<BlackboxModuleDraft, 'name' | 'preset'>): string {
  return draft.name.trim() || draft.preset;
}

export function hasField(preset: BlackboxPreset, field: PresetField): boolean {
  return (presetFields[preset] as readonly PresetField[]).includes(field);
}

export type ModuleProblems = Partial<Record<'name' | 'timeoutSeconds' | 'targets' | PresetField, string>>;

/** What the server would refuse in one module, by field; `others` finds clashing names. */
export function moduleProblems(
  draft: BlackboxModuleDraft,
  others: readonly BlackboxModuleDraft[],
): ModuleProblems {
  const problems: ModuleProblems = {};
  const name = draft.name.trim();
  if (name !== '' && !isModuleName(name))
    problems.name = 'Lower-case letters, digits and _, starting with a letter, e.g. http_api.';
  else if (others.some((other) => other.key !== draft.key && effectiveName(other) === effectiveName(draft)))
    problems.name = `Another module is also called ${effectiveName(draft)}: give this one a name of its own.`;
  const timeout = draft.timeoutSeconds.trim();
  if (timeout !== '' && !(/^\d+$/.test(timeout) && TimeoutSecondsSchema.safeParse(Number(timeout)).success))
    problems.timeoutSeconds = 'A whole number of seconds from 1 to 60.';
  const targets = targetsProblem(draft.preset, draft.targets);
  if (targets) problems.targets = targets;
  const has = (field: PresetField): boolean => hasField(draft.preset, field);
  if (has('validStatusCodes') && parseStatusCodes(draft.validStatusCodes) === undefined)
    problems.validStatusCodes = 'Up to 32 status codes from 100 to 599, e.g. 200, 204.';
  if (has('bearerTokenSecretId') && !isSecretId(draft.bearerTokenSecretId))
    problems.bearerTokenSecretId =
      draft.bearerTokenSecretId === '' ? 'Save a bearer token.' : 'Not a secret id.';
  if (has('body') && !ProbeBodySchema.safeParse(draft.body).success)
    problems.body = 'At most 4096 characters.';
  if (has('contentType') && !isContentType(draft.contentType))
    problems.contentType = 'A media type, e.g. application/json.';
  for (const field of ['bodyMustMatch', 'answerMustMatch'] as const) {
    const problem = has(field) ? patternsProblem(draft[field]) : undefined;
    if (problem) problems[field] = problem;
  }
  if (has('queryName') && !isDomainName(draft.queryName.trim()))
    problems.queryName = 'A domain name, e.g. nas.lan.';
  return problems;
}

export function allModuleProblems(modules: readonly BlackboxModuleDraft[]): Map<number, ModuleProblems> {
  return new Map(modules.map((draft) => [draft.key, moduleProblems(draft, modules)]));
}

export function modulesAreValid(modules: readonly BlackboxModuleDraft[]): boolean {
  return [...allModuleProblems(modules).values()].every((problems) => Object.keys(problems).length === 0);
}

/** One module as the server's params take it; fields at their default are left out. */
export function moduleParams(draft: BlackboxModuleDraft): Record<string, unknown> {
  const name = draft.name.trim();
  const timeout = draft.timeoutSeconds.trim();
  const has = (field: PresetField): boolean => hasField(draft.preset, field);
  // As typed even when wrong, so what is written is what was checked.
  const codes = has('validStatusCodes') ? splitCodes(draft.validStatusCodes).map(Number) : [];
  const bodyPatterns = has('bodyMustMatch') ? splitLines(draft.bodyMustMatch) : [];
  const answerPatterns = has('answerMustMatch') ? splitLines(draft.answerMustMatch) : [];
  return {
    preset: draft.preset,
    ...(name === '' ? {} : { name }),
    ...(timeout === '' ? {} : { timeoutSeconds: Number(timeout) }),
    targets: splitLines(draft.targets),
    ...(codes.length > 0 ? { validStatusCodes: codes } : {}),
    ...(has('bearerTokenSecretId') ? { bearerTokenSecretId: draft.bearerTokenSecretId } : {}),
    ...(has('body') && draft.body !== defaultBody ? { body: draft.body } : {}),
    ...(has('contentType') && draft.contentType !== defaultContentType
      ? { contentType: draft.contentType }
      : {}),
    ...(bodyPatterns.length > 0 ? { bodyMustMatch: bodyPatterns } : {}),
    ...(has('queryName') ? { queryName: draft.queryName.trim() } : {}),
    ...(has('queryType') ? { queryType: draft.queryType } : {}),
    ...(answerPatterns.length > 0 ? { answerMustMatch: answerPatterns } : {}),
  };
}

/**
 * The parameters object with its modules replaced by the drafts, or undefined while a
 * draft would be refused: the last valid parameters (and their previews) then stay.
 * An empty list removes `modules`, so the server names what is missing.
 */
export function paramsWithModules(
  params: Record<string, unknown>,
  modules: readonly BlackboxModuleDraft[],
): Record<string, unknown> | undefined {
  if (!modulesAreValid(modules)) return undefined;
  const { modules: _replaced, ...rest } = params;
  return modules.length === 0 ? rest : { ...rest, modules: modules.map(moduleParams) };
}

export type DraftsFromParams = { ok: true; modules: BlackboxModuleDraft[] } | { ok: false; reason: string };

type Reader = (value: unknown, draft: BlackboxModuleDraft) => BlackboxModuleDraft | undefined;

const isString = (value: unknown): value is string => typeof value === 'string';
/** A list item the one-per-line box would give back unchanged. */
const isLine = (value: unknown): value is string =>
  isString(value) && value !== '' && value === value.trim() && !value.includes('\n');
const lines = (value: unknown): string | undefined =>
  Array.isArray(value) && value.every(isLine) ? value.join('\n') : undefined;

/** How each key of a module in the JSON becomes draft text; undefined when it cannot. */
const readers: Record<string, Reader> = {
  name: (value, draft) => (isString(value) ? { ...draft, name: value } : undefined),
  timeoutSeconds: (value, draft) =>
    typeof value === 'number' ? { ...draft, timeoutSeconds: String(value) } : undefined,
  targets: (value, draft) => {
    const text = lines(value);
    return text === undefined ? undefined : { ...draft, targets: text };
  },
  validStatusCodes: (value, draft) =>
    Array.isArray(value) && value.every((code) => Number.isInteger(code))
      ? { ...draft, validStatusCodes: value.join(', ') }
      : undefined,
  bearerTokenSecretId: (value, draft) =>
    isString(value) ? { ...draft, bearerTokenSecretId: value } : undefined,
  body: (value, draft) => (isString(value) ? { ...draft, body: value } : undefined),
  contentType: (value, draft) => (isString(value) ? { ...draft, contentType: value } : undefined),
  bodyMustMatch: (value, draft) => {
    const text = lines(value);
    return text === undefined ? undefined : { ...draft, bodyMustMatch: text };
  },
  queryName: (value, draft) => (isString(value) ? { ...draft, queryName: value } : undefined),
  queryType: (value, draft) =>
    (dnsQueryTypes as readonly unknown[]).includes(value)
      ? { ...draft, queryType: value as DnsQueryType }
      : undefined,
  answerMustMatch: (value, draft) => {
    const text = lines(value);
    return text === undefined ? undefined : { ...draft, answerMustMatch: text };
  },
};

function readModule(value: unknown, key: number, position: number): BlackboxModuleDraft | string {
  const where = `Module ${position + 1}`;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `${where} is not an object.`;
  const entries = Object.entries(value);
  const preset = entries.find(([field]) => field === 'preset')?.[1];
  if (!(blackboxPresets as readonly unknown[]).includes(preset))
    return `${where} has no preset the editor knows (${blackboxPresets.join(', ')}).`;
  const known = preset as BlackboxPreset;
  let draft = emptyModuleDraft(key, known);
  for (const [field, fieldValue] of entries) {
    if (field === 'preset') continue;
    const allowed =
      field === 'name' ||
      field === 'timeoutSeconds' ||
      field === 'targets' ||
      hasField(known, field as PresetField);
    const read = allowed ? readers[field] : undefined;
    const next = read?.(fieldValue, draft);
    if (!next) return `${where} has a "${field}" the editor cannot show.`;
    draft = next;
  }
  return draft;
}

/**
 * The drafts for params.modules, keeping the keys of `previous` by position so an edit in
 * the JSON does not remount every module; or why the editor cannot show them.
 */
export function draftsFromParams(
  params: Record<string, unknown>,
  previous: readonly BlackboxModuleDraft[] = [],
): DraftsFromParams {
  const modules = params.modules;
  if (modules === undefined) return { ok: true, modules: [] };
  if (!Array.isArray(modules)) return { ok: false, reason: '"modules" is not a list.' };
  let nextKey = nextModuleKey(previous);
  const drafts: BlackboxModuleDraft[] = [];
  for (const [position, value] of modules.entries()) {
    const read = readModule(value, previous[position]?.key ?? nextKey++, position);
    if (typeof read === 'string') return { ok: false, reason: read };
    drafts.push(read);
  }
  return { ok: true, modules: drafts };
}

/** A key no module in the list has. */
export function nextModuleKey(modules: readonly BlackboxModuleDraft[]): number {
  return modules.reduce((highest, draft) => Math.max(highest, draft.key + 1), 0);
}
