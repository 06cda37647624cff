// One discovered host as a table row: focusable, Enter or a click opens its detail, the
// arrow keys move to the next or previous row. A host the last scan missed is dimmed.
import type { JSX, KeyboardEvent } from 'react';
import type { DiscoveredHost } from '@shared/contract';
import { hostDisplayName, hostModel, hostVendor } from '../../stores/discovery.selectors';
import { hostKindLabels } from '../../stores/host-kinds';
import { formatDateTime, livenessLabels, serviceBadge } from './discovery-labels';
import { KindIcon } from './kind-icon.view';

export interface HostRowProps {
  host: DiscoveredHost;
  /** Position in the whole (filtered) list, for aria-rowindex and the virtualizer. */
  index: number;
  selected: boolean;
  measureRef?: (element: HTMLTableRowElement | null) => void;
  onOpen(address: string): void;
}

export function hostRowId(address: string): string {
  return `host-row-${address}`;
}

function moveFocus(event: KeyboardEvent<HTMLTableRowElement>, step: 1 | -1): void {
  let sibling =
    step === 1 ? event.currentTarget.nextElementSibling : event.currentTarget.previousElementSibling;
  while (sibling && !(sibling instanceof HTMLElement && sibling.dataset.address)) {
    sibling = step === 1 ? sibling.nextElementSibling : sibling.previousElementSibling;
  }
  if (sibling instanceof HTMLElement) {
    event.preventDefault();
    sibling.focus();
  }
}

export function HostRow({ host, index, selected, measureRef, onOpen }: HostRowProps): JSX.Element {
  const name = hostDisplayName(host);
  const vendor = hostVendor(host);
  const model = hostModel(host);
  const kind = host.classification.kind;
  const stale = !host.seenInLastScan;
  return (
    <tr
      id={hostRowId(host.address)}
      ref={measureRef}
      className={['host-row', selected && 'host-row--selected', stale && 'host-row--stale']
        .filter(Boolean)
        .join(' ')}
      data-testid={`host-row-${host.address}`}
      data-address={host.address}
      data-kind={kind}
      data-seen={host.seenInLastScan}
      data-index={index}
      aria-rowindex={index + 2}
      aria-current={selected ? 'true' : undefined}
      tabIndex={0}
      onClick={() => onOpen(host.address)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onOpen(host.address);
        } else if (event.key === 'ArrowDown') moveFocus(event, 1);
        else if (event.key === 'ArrowUp') moveFocus(event, -1);
      }}
    >
      <td className="host-row__address">{host.address}</td>
      <td>{name ?? <span className="muted">—</span>}</td>
      <td>
        <span className="host-row__kind">
          <KindIcon kind={kind} decorative />
          {hostKindLabels[kind]}
        </span>
      </td>
      <td>
        {vendor || model ? (
          <>
            {vendor && <span className="host-row__vendor">{vendor}</span>}
            {vendor && model && ' '}
            {model && <span className="host-row__model">{model}</span>}
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>
        <ul className="tag-list" aria-label="Services">
          {host.services.map((service) => (
            <li key={service.port} className="tag">
              {serviceBadge(service)}
            </li>
          ))}
        </ul>
      </td>
      <td>
        <ul className="tag-list" aria-label="Suggested exporters">
          {host.suggestions.map((suggestion) => (
            <li
              key={`${suggestion.exporter}-${suggestion.target ?? ''}`}
              className={suggestion.present ? 'tag tag--present' : 'tag tag--suggested'}
              data-exporter={suggestion.exporter}
              data-present={suggestion.present}
            >
              {suggestion.exporter}
              {suggestion.present && <span className="tag__note"> running</span>}
            </li>
          ))}
        </ul>
      </td>
      <td className="host-row__liveness">
        {stale ? (
          <span className="muted" data-testid="host-last-seen">
            last seen {formatDateTime(host.lastSeen)}
          </span>
        ) : (
          <>
            {livenessLabels[host.liveness]}
            {host.latencyMs !== undefined && (
              <span className="muted"> {host.latencyMs < 1 ? '<1' : Math.round(host.latencyMs)} ms</span>
            )}
          </>
        )}
      </td>
    </tr>
  );
}
