// Imports a user's snmp.yml in either layout (0.21: modules at the top level with `auth`
// inside; ≥ 0.23: `auths:` and `modules:`), writes changes back in place, and converts
// an old file to the new layout for users upgrading past 0.23.
import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, type Document, type YAMLMap } from 'yaml';
import {
  renderAuth,
  yamlModule,
  type ResolveSecret,
  type SnmpAuth,
  type SnmpLayout,
  type SnmpModule,
} from '../exporters';
import {
  ConfigImportError,
  parseEditableDocument,
  rootMap,
  setIfChanged,
  editableOutput,
} from './yaml-document';

/** An auth as written in the file. Its secrets are returned so the caller can move them to the SecretStore. */
export interface ImportedSnmpAuth {
  version: 1 | 2 | 3;
  community?: string;
  securityLevel?: string;
  username?: string;
  password?: string;
  authProtocol?: string;
  privProtocol?: string;
  privPassword?: string;
  contextName?: string;
}

export interface ImportedSnmpConfig {
  layout: SnmpLayout;
  auths: Record<string, ImportedSnmpAuth>;
  modules: string[];
  /** Legacy layout: the auth each module carries, named as in `auths`. */
  moduleAuths: Record<string, string>;
  document: Document;
}

export interface SnmpConfigChanges {
  auths?: Record<string, SnmpAuth>;
  modules?: Record<string, SnmpModule>;
  /** Legacy layout only: which of `auths` each changed module carries. */
  moduleAuths?: Record<string, string>;
  removeModules?: string[];
  removeAuths?: string[];
  resolveSecret: ResolveSecret;
}

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const legacyDefaultAuth: Plain = { community: 'public', version: 2 };

export function detectSnmpLayout(root: Plain): SnmpLayout {
  return 'modules' in root || 'auths' in root ? 'split' : 'legacy';
}

function importedAuth(auth: Plain): ImportedSnmpAuth {
  const text = (key: string): string | undefined => (typeof auth[key] === 'string' ? auth[key] : undefined);
  const version = auth.version === 1 || auth.version === 3 ? auth.version : 2;
  const fields: [keyof ImportedSnmpAuth, string][] = [
    ['community', 'community'],
    ['securityLevel', 'security_level'],
    ['username', 'username'],
    ['password', 'password'],
    ['authProtocol', 'auth_protocol'],
    ['privProtocol', 'priv_protocol'],
    ['privPassword', 'priv_password'],
    ['contextName', 'context_name'],
  ];
  const out: ImportedSnmpAuth = { version };
  for (const [field, key] of fields) {
    const value = text(key);
    if (value !== undefined) Object.assign(out, { [field]: value });
  }
  return out;
}

/** A legacy module's auth as the ≥ 0.23 file writes it: `version` inside, defaults filled. */
function legacyAuthOf(module: Plain): Plain {
  const auth = isPlain(module.auth) ? module.auth : { community: 'public' };
  return { ...auth, version: typeof module.version === 'number' ? module.version : 2 };
}

export function importSnmpConfig(text: string): ImportedSnmpConfig {
  const document = parseEditableDocument(text);
  const root = (document.toJS() as unknown) ?? {};
  if (!isPlain(root)) throw new ConfigImportError('snmp.yml is not a mapping');
  const layout = detectSnmpLayout(root);
  if (layout === 'split') {
    const auths = isPlain(root.auths) ? root.auths : {};
    const modules = isPlain(root.modules) ? root.modules : {};
    return {
      layout,
      auths: Object.fromEntries(
        Object.entries(auths).map(([name, auth]) => [name, importedAuth(isPlain(auth) ? auth : {})]),
      ),
      modules: Object.keys(modules),
      moduleAuths: {},
      document,
    };
  }
  const { auths, moduleAuths } = collectLegacyAuths(root);
  return {
    layout,
    auths: Object.fromEntries(Object.entries(auths).map(([name, auth]) => [name, importedAuth(auth)])),
    modules: Object.keys(root),
    moduleAuths,
    document,
  };
}

/** One auth per distinct (auth, version); `public_v2` for the 0.21 default, else the first module's name. */
function collectLegacyAuths(root: Plain): {
  auths: Record<string, Plain>;
  moduleAuths: Record<string, string>;
} {
  const auths: Record<string, Plain> = {};
  const moduleAuths: Record<string, string> = {};
  for (const [name, module] of Object.entries(root)) {
    const auth = legacyAuthOf(isPlain(module) ? module : {});
    let authName = Object.keys(auths).find((existing) => isDeepStrictEqual(auths[existing], auth));
    if (authName === undefined) {
      authName = isDeepStrictEqual(auth, legacyDefaultAuth) && !('public_v2' in auths) ? 'public_v2' : name;
      auths[authName] = auth;
    }
    moduleAuths[name] = authName;
  }
  return { auths, moduleAuths };
}

/**
 * Converts a 0.21 snmp.yml to the ≥ 0.23 layout: module nodes move under `modules:` with
 * their comments, and `auth`/`version` move to `auths:`. moduleAuths tells which auth each
 * scrape job must now pass.
 */
export function convertLegacySnmpConfig(text: string): { text: string; moduleAuths: Record<string, string> } {
  const imported = importSnmpConfig(text);
  if (imported.layout === 'split') return { text, moduleAuths: {} };
  const document = imported.document;
  const { auths, moduleAuths } = collectLegacyAuths((document.toJS() as Plain | null) ?? {});
  const oldRoot = document.contents;
  if (!isMap(oldRoot)) return { text, moduleAuths };
  for (const pair of oldRoot.items) {
    if (isMap(pair.value)) {
      pair.value.delete('auth');
      pair.value.delete('version');
    }
  }
  const newRoot = document.createNode({ auths }, { aliasDuplicateObjects: false }) as YAMLMap;
  newRoot.set('modules', oldRoot);
  // A comment at the top of the old file stays at the top, not above its first module.
  const firstKey = oldRoot.items[0]?.key;
  const headComments = [
    document.commentBefore,
    oldRoot.commentBefore,
    isScalar(firstKey) ? firstKey.commentBefore : null,
  ];
  document.commentBefore = headComments.filter(Boolean).join('\n') || null;
  oldRoot.commentBefore = undefined;
  if (isScalar(firstKey)) firstKey.commentBefore = undefined;
  document.contents = newRoot;
  return { text: document.toString(editableOutput), moduleAuths };
}

function upsertMap(document: Document, parent: YAMLMap, name: string, value: Plain): void {
  const existing = parent.get(name, true);
  if (!isMap(existing)) {
    parent.set(name, document.createNode(value, { aliasDuplicateObjects: false }));
    return;
  }
  for (const [key, entry] of Object.entries(value)) setIfChanged(document, existing, key, entry);
  for (const pair of [...existing.items]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!(key in value)) existing.delete(key);
  }
}

/** Applies changes to a copy of the imported document, in its own layout, and returns the new text. */
export function exportSnmpConfig(imported: ImportedSnmpConfig, changes: SnmpConfigChanges): string {
  const edited = imported.document.clone();
  const changedModules = Object.entries(changes.modules ?? {});
  if (imported.layout === 'split') {
    const auths = rootMap(edited, 'auths');
    const modules = rootMap(edited, 'modules');
    for (const [name, auth] of Object.entries(changes.auths ?? {})) {
      upsertMap(edited, auths, name, renderAuth(auth, changes.resolveSecret, true));
    }
    for (const [name, module] of changedModules)
      upsertMap(edited, modules, name, yamlModule(module) as Plain);
    for (const name of changes.removeModules ?? []) modules.delete(name);
    for (const name of changes.removeAuths ?? []) auths.delete(name);
  } else {
    const root = isMap(edited.contents) ? edited.contents : undefined;
    if (!root) throw new ConfigImportError('snmp.yml is not a mapping');
    for (const [name, module] of changedModules) {
      const authName = changes.moduleAuths?.[name];
      const auth = authName === undefined ? undefined : changes.auths?.[authName];
      if (!auth) throw new ConfigImportError(`the 0.21 layout needs an auth for module ${name}`);
      upsertMap(edited, root, name, {
        ...(yamlModule(module) as Plain),
        version: auth.version,
        auth: renderAuth(auth, changes.resolveSecret, false),
      });
    }
    for (const name of changes.removeModules ?? []) root.delete(name);
  }
  return edited.toString(editableOutput);
}
