// blackbox_exporter's modules as a form: a list of module cards and a row to add one. It
// writes into the same parameters as the JSON box, which stays as the advanced view.
import { useState, type JSX } from 'react';
import {
  blackboxPresets,
  type BlackboxEditorData,
  type BlackboxPreset,
  type ModuleChange,
  type ModuleProblems,
} from '../../stores/blackbox-editor';
import { BlackboxModuleCard, presetLabels } from './blackbox-module-card.view';
import type { TokenState } from './blackbox-preset-fields.view';

export interface BlackboxModuleActions {
  onAdd(preset: BlackboxPreset): void;
  onChange(key: number, change: ModuleChange): void;
  onMove(key: number, by: -1 | 1): void;
  onRemove(key: number): void;
  onTokenInput(key: number, value: string): void;
  onTokenSave(key: number): void;
}

export interface BlackboxModuleEditorProps {
  editor: BlackboxEditorData;
  problems: ReadonlyMap<number, ModuleProblems>;
  tokenOf(key: number): TokenState;
  actions: BlackboxModuleActions;
}

export function BlackboxModuleEditor({
  editor,
  problems,
  tokenOf,
  actions,
}: BlackboxModuleEditorProps): JSX.Element {
  return (
    <section
      className="blackbox-editor"
      aria-labelledby="blackbox-editor-title"
      data-testid="blackbox-editor"
    >
      <h3 id="blackbox-editor-title" className="card__title">
        Modules
      </h3>
      {editor.unreadable ? (
        <div className="notice notice--warn" role="status" data-testid="blackbox-unreadable">
          <p>{editor.unreadable}</p>
        </div>
      ) : (
        <>
          {editor.modules.length === 0 && (
            <p className="muted" data-testid="blackbox-empty">
              No modules yet: blackbox_exporter needs at least one. Add one below.
            </p>
          )}
          <ol className="blackbox-editor__list" aria-label="Modules">
            {editor.modules.map((draft, position) => (
              <li key={draft.key}>
                <BlackboxModuleCard
                  draft={draft}
                  position={position}
                  count={editor.modules.length}
                  problems={problems.get(draft.key) ?? {}}
                  token={tokenOf(draft.key)}
                  onChange={(change) => actions.onChange(draft.key, change)}
                  onMove={(by) => actions.onMove(draft.key, by)}
                  onRemove={() => actions.onRemove(draft.key)}
                  onTokenInput={(value) => actions.onTokenInput(draft.key, value)}
                  onTokenSave={() => actions.onTokenSave(draft.key)}
                />
              </li>
            ))}
          </ol>
          <AddModule onAdd={actions.onAdd} />
        </>
      )}
    </section>
  );
}

/** The preset for the next module is only a choice on screen, so it stays local. */
function AddModule({ onAdd }: { onAdd(preset: BlackboxPreset): void }): JSX.Element {
  const [preset, setPreset] = useState<BlackboxPreset>('http_2xx');
  return (
    <div className="blackbox-editor__add">
      <label htmlFor="blackbox-add-preset" className="field__label">
        New module
      </label>
      <select
        id="blackbox-add-preset"
        value={preset}
        data-testid="blackbox-add-preset"
        onChange={(event) => setPreset(event.target.value as BlackboxPreset)}
      >
        {blackboxPresets.map((item) => (
          <option key={item} value={item}>
            {item} — {presetLabels[item]}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button button--small button--primary"
        data-testid="blackbox-add"
        onClick={() => onAdd(preset)}
      >
        Add module
      </button>
    </div>
  );
}
