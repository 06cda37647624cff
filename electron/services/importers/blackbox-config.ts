// Imports a user's blackbox.yml (its module names and probers) and writes module changes
// back into the same document, keeping modules and keys Promstead does not know.
import { isMap, type Document } from 'yaml';
import type { BlackboxModule } from '../exporters';
import {
  ConfigImportError,
  parseEditableDocument,
  rootMap,
  setIfChanged,
  editableOutput,
} from './yaml-document';

export interface ImportedBlackboxModule {
  prober: string;
  timeout?: string;
  /** The module as written, for showing; Promstead edits only modules it writes itself. */
  settings: Record<string, unknown>;
}

export interface ImportedBlackboxConfig {
  modules: Record<string, ImportedBlackboxModule>;
  document: Document;
}

export interface BlackboxConfigChanges {
  upsertModules?: Record<string, BlackboxModule>;
  removeModules?: string[];
}

export function importBlackboxConfig(text: string): ImportedBlackboxConfig {
  const document = parseEditableDocument(text);
  const root = document.toJS() as { modules?: unknown } | null;
  const modules = root?.modules ?? {};
  if (typeof modules !== 'object' || modules === null || Array.isArray(modules)) {
    throw new ConfigImportError('blackbox.yml: modules is not a mapping');
  }
  const imported: Record<string, ImportedBlackboxModule> = {};
  for (const [name, module] of Object.entries(modules as Record<string, unknown>)) {
    if (typeof module !== 'object' || module === null)
      throw new ConfigImportError(`blackbox.yml: module ${name}`);
    const settings = module as Record<string, unknown>;
    if (typeof settings.prober !== 'string')
      throw new ConfigImportError(`blackbox.yml: module ${name} has no prober`);
    imported[name] = {
      prober: settings.prober,
      ...(typeof settings.timeout === 'string' ? { timeout: settings.timeout } : {}),
      settings,
    };
  }
  return { modules: imported, document };
}

/** Applies changes to a copy of the imported document and returns the new text. */
export function exportBlackboxConfig(document: Document, changes: BlackboxConfigChanges = {}): string {
  const edited = document.clone();
  const modules = rootMap(edited, 'modules');
  for (const [name, module] of Object.entries(changes.upsertModules ?? {})) {
    const existing = modules.get(name, true);
    if (isMap(existing)) {
      for (const [key, value] of Object.entries(module)) setIfChanged(edited, existing, key, value);
      for (const pair of [...existing.items]) {
        const key = String((pair.key as { value?: unknown }).value ?? pair.key);
        if (!(key in module)) existing.delete(key);
      }
    } else {
      modules.set(name, edited.createNode(module, { aliasDuplicateObjects: false }));
    }
  }
  for (const name of changes.removeModules ?? []) modules.delete(name);
  return edited.toString(editableOutput);
}
