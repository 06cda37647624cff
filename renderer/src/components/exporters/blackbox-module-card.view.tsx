// One blackbox module: its preset, name, timeout and targets, the preset's own fields, and
// buttons to move or remove it.
import type { JSX } from 'react';
import {
  blackboxPresets,
  effectiveName,
  presetTargetKind,
  targetKindHints,
  type BlackboxModuleDraft,
  type BlackboxPreset,
  type ModuleChange,
  type ModuleProblems,
} from '../../stores/blackbox-editor';
import { FormField } from '../form-field.view';
import { BlackboxField } from './blackbox-field.view';
import { BlackboxPresetFields, type TokenState } from './blackbox-preset-fields.view';

export const presetLabels = {
  http_2xx: 'HTTP GET answers 2xx',
  http_post_auth: 'HTTP POST with a bearer token',
  http_ssl_check: 'HTTPS with a valid certificate',
  tcp_connect: 'TCP port accepts connections',
  tcp_connect_tls: 'TCP port speaks TLS',
  icmp: 'Ping (ICMP)',
  dns: 'DNS server answers a query',
  dns_mx: 'DNS server has MX records',
} as const satisfies Record<BlackboxPreset, string>;

export interface BlackboxModuleCardProps {
  draft: BlackboxModuleDraft;
  position: number;
  count: number;
  problems: ModuleProblems;
  token: TokenState;
  onChange(change: ModuleChange): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
  onTokenInput(value: string): void;
  onTokenSave(): void;
}

export function BlackboxModuleCard(props: BlackboxModuleCardProps): JSX.Element {
  const { draft, position, count, problems, onChange } = props;
  const id = (field: string): string => `blackbox-${draft.key}-${field}`;
  const name = effectiveName(draft);
  const title = `Module ${position + 1}, ${name}`;
  return (
    <fieldset className="card blackbox-module" data-testid="blackbox-module" data-module-name={name}>
      <legend className="card__title blackbox-module__legend">
        Module {position + 1} · <code>{name}</code>
      </legend>
      <div className="blackbox-module__actions">
        <button
          type="button"
          className="button button--small button--ghost"
          disabled={position === 0}
          aria-label={`Move ${title} up`}
          data-testid="blackbox-module-up"
          onClick={() => props.onMove(-1)}
        >
          ↑ Up
        </button>
        <button
          type="button"
          className="button button--small button--ghost"
          disabled={position === count - 1}
          aria-label={`Move ${title} down`}
          data-testid="blackbox-module-down"
          onClick={() => props.onMove(1)}
        >
          ↓ Down
        </button>
        <button
          type="button"
          className="button button--small button--secondary"
          aria-label={`Remove ${title}`}
          data-testid="blackbox-module-remove"
          onClick={props.onRemove}
        >
          Remove
        </button>
      </div>
      <div className="blackbox-module__fields">
        <FormField id={id('preset')} label="Preset">
          <select
            id={id('preset')}
            value={draft.preset}
            data-testid="blackbox-module-preset"
            onChange={(event) => onChange({ preset: event.target.value as BlackboxPreset })}
          >
            {blackboxPresets.map((preset) => (
              <option key={preset} value={preset}>
                {preset} — {presetLabels[preset]}
              </option>
            ))}
          </select>
        </FormField>
        <BlackboxField
          id={id('name')}
          label="Name"
          hint={`Optional; ${draft.preset} when empty. Needed to use a preset twice.`}
          error={problems.name}
          value={draft.name}
          placeholder={draft.preset}
          testId="blackbox-module-name"
          onChange={(value) => onChange({ name: value })}
        />
        <BlackboxField
          id={id('timeout')}
          label="Timeout (seconds)"
          hint="Optional; 5 when empty."
          error={problems.timeoutSeconds}
          value={draft.timeoutSeconds}
          placeholder="5"
          testId="blackbox-module-timeout"
          onChange={(timeoutSeconds) => onChange({ timeoutSeconds })}
        />
        <BlackboxField
          id={id('targets')}
          label="Targets"
          hint={targetKindHints[presetTargetKind[draft.preset]]}
          error={problems.targets}
          value={draft.targets}
          rows={3}
          testId="blackbox-module-targets"
          onChange={(targets) => onChange({ targets })}
        />
        <BlackboxPresetFields
          draft={draft}
          problems={problems}
          token={props.token}
          onChange={onChange}
          onTokenInput={props.onTokenInput}
          onTokenSave={props.onTokenSave}
        />
      </div>
    </fieldset>
  );
}
