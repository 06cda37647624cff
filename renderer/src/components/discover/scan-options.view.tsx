// The scan's options: SNMP communities and a v3 user, ports, speed, and the permission
// for large ranges. Empty speed fields mean "as in Settings", shown as placeholders.
import type { JSX } from 'react';
import type { Settings } from '@shared/contract';
import {
  snmpAuthProtocols,
  snmpPrivProtocols,
  snmpV3Levels,
  type ScanDraft,
  type StoredV3Keys,
} from '../../stores/scan-draft';
import { describedBy, FormField } from '../form-field.view';

export interface ScanOptionsProps {
  id: string;
  open: boolean;
  draft: ScanDraft;
  storedKeys: StoredV3Keys;
  scanSettings: Settings['scan'] | undefined;
  onEdit(change: Partial<ScanDraft>): void;
}

const levelLabels = {
  noAuthNoPriv: 'No authentication, no privacy',
  authNoPriv: 'Authentication, no privacy',
  authPriv: 'Authentication and privacy',
} as const satisfies Record<ScanDraft['v3Level'], string>;

interface SpeedField {
  field: 'timeoutMs' | 'retries' | 'packetsPerSecond';
  testId: string;
  label: string;
  unit: string;
  min: number;
  max: number;
}

const speedFields: readonly SpeedField[] = [
  {
    field: 'timeoutMs',
    testId: 'discover-timeout',
    label: 'Timeout (ms)',
    unit: 'ms',
    min: 100,
    max: 10_000,
  },
  { field: 'retries', testId: 'discover-retries', label: 'Retries', unit: '', min: 0, max: 5 },
  {
    field: 'packetsPerSecond',
    testId: 'discover-rate',
    label: 'Packets per second',
    unit: '/s',
    min: 1,
    max: 10_000,
  },
];

export function ScanOptions({
  id,
  open,
  draft,
  storedKeys,
  scanSettings,
  onEdit,
}: ScanOptionsProps): JSX.Element {
  const needsAuth = draft.v3Level !== 'noAuthNoPriv';
  const needsPriv = draft.v3Level === 'authPriv';
  const keyHint = (stored: string | undefined): string =>
    stored
      ? 'A key is stored for this user; leave empty to reuse it.'
      : 'Stored encrypted when the scan starts.';
  return (
    <div id={id} className="scan-options" hidden={!open} data-testid="discover-options">
      <fieldset className="scan-options__group">
        <legend className="scan-options__legend">SNMP</legend>
        <div className="field-grid">
          <FormField
            id="discover-communities"
            label="Communities (v1, v2c)"
            hint="Tried in order, separated by commas. Empty: no v1 or v2c."
          >
            <input
              id="discover-communities"
              data-testid="discover-communities"
              type="text"
              spellCheck={false}
              autoComplete="off"
              value={draft.communities}
              onChange={(event) => onEdit({ communities: event.target.value })}
              aria-describedby={describedBy('discover-communities', true, undefined)}
            />
          </FormField>
          <FormField id="discover-v3-user" label="SNMPv3 user" hint="Optional. Empty: no v3.">
            <input
              id="discover-v3-user"
              data-testid="discover-v3-user"
              type="text"
              spellCheck={false}
              autoComplete="off"
              value={draft.v3User}
              onChange={(event) => onEdit({ v3User: event.target.value })}
              aria-describedby={describedBy('discover-v3-user', true, undefined)}
            />
          </FormField>
          <FormField id="discover-v3-level" label="Security level">
            <select
              id="discover-v3-level"
              data-testid="discover-v3-level"
              value={draft.v3Level}
              onChange={(event) => onEdit({ v3Level: event.target.value as ScanDraft['v3Level'] })}
            >
              {snmpV3Levels.map((level) => (
                <option key={level} value={level}>
                  {levelLabels[level]}
                </option>
              ))}
            </select>
          </FormField>
        </div>
        <div className="field-grid">
          <FormField id="discover-v3-auth-protocol" label="Authentication protocol">
            <select
              id="discover-v3-auth-protocol"
              data-testid="discover-v3-auth-protocol"
              disabled={!needsAuth}
              value={draft.v3AuthProtocol}
              onChange={(event) =>
                onEdit({ v3AuthProtocol: event.target.value as ScanDraft['v3AuthProtocol'] })
              }
            >
              {snmpAuthProtocols.map((protocol) => (
                <option key={protocol} value={protocol}>
                  {protocol.toUpperCase()}
                </option>
              ))}
            </select>
          </FormField>
          <FormField id="discover-v3-auth-key" label="Authentication key" hint={keyHint(storedKeys.auth)}>
            <input
              id="discover-v3-auth-key"
              data-testid="discover-v3-auth-key"
              type="password"
              autoComplete="new-password"
              disabled={!needsAuth}
              value={draft.v3AuthKey}
              onChange={(event) => onEdit({ v3AuthKey: event.target.value })}
              aria-describedby={describedBy('discover-v3-auth-key', true, undefined)}
            />
          </FormField>
          <FormField id="discover-v3-priv-protocol" label="Privacy protocol">
            <select
              id="discover-v3-priv-protocol"
              data-testid="discover-v3-priv-protocol"
              disabled={!needsPriv}
              value={draft.v3PrivProtocol}
              onChange={(event) =>
                onEdit({ v3PrivProtocol: event.target.value as ScanDraft['v3PrivProtocol'] })
              }
            >
              {snmpPrivProtocols.map((protocol) => (
                <option key={protocol} value={protocol}>
                  {protocol.toUpperCase()}
                </option>
              ))}
            </select>
          </FormField>
          <FormField id="discover-v3-priv-key" label="Privacy key" hint={keyHint(storedKeys.priv)}>
            <input
              id="discover-v3-priv-key"
              data-testid="discover-v3-priv-key"
              type="password"
              autoComplete="new-password"
              disabled={!needsPriv}
              value={draft.v3PrivKey}
              onChange={(event) => onEdit({ v3PrivKey: event.target.value })}
              aria-describedby={describedBy('discover-v3-priv-key', true, undefined)}
            />
          </FormField>
        </div>
      </fieldset>

      <fieldset className="scan-options__group">
        <legend className="scan-options__legend">Ports and speed</legend>
        <FormField
          id="discover-ports"
          label="TCP ports"
          hint="Probed on hosts that answer, separated by commas. Empty: the built-in list (SSH, HTTP, Docker, databases, Prometheus and exporters)."
        >
          <input
            id="discover-ports"
            data-testid="discover-ports"
            type="text"
            inputMode="numeric"
            spellCheck={false}
            autoComplete="off"
            placeholder="22, 80, 443, 9100"
            value={draft.ports}
            onChange={(event) => onEdit({ ports: event.target.value })}
            aria-describedby={describedBy('discover-ports', true, undefined)}
          />
        </FormField>
        <div className="field-grid">
          {speedFields.map((spec) => {
            const setting = scanSettings?.[spec.field];
            const fieldId = `discover-${spec.field}`;
            return (
              <FormField
                key={spec.field}
                id={fieldId}
                label={spec.label}
                hint={
                  setting === undefined
                    ? 'Empty: as in Settings.'
                    : `Empty: ${setting}${spec.unit}, as in Settings.`
                }
              >
                <input
                  id={fieldId}
                  data-testid={spec.testId}
                  type="number"
                  inputMode="numeric"
                  min={spec.min}
                  max={spec.max}
                  step={1}
                  placeholder={setting === undefined ? '' : String(setting)}
                  value={draft[spec.field]}
                  onChange={(event) => onEdit({ [spec.field]: event.target.value })}
                  aria-describedby={describedBy(fieldId, true, undefined)}
                />
              </FormField>
            );
          })}
        </div>
        <label className="checkbox-field" htmlFor="discover-allow-large">
          <input
            id="discover-allow-large"
            data-testid="discover-allow-large"
            type="checkbox"
            checked={draft.allowLarge}
            onChange={(event) => onEdit({ allowLarge: event.target.checked })}
          />
          <span>Allow more than 65,536 addresses (a /15 or larger)</span>
        </label>
      </fieldset>
    </div>
  );
}
