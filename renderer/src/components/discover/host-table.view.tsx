// The discovered hosts as a real <table> with sortable headers. Long lists are
// virtualized: only the rows in view (and a margin) are in the page, spacer rows keep
// the scroll height, and aria-rowcount/aria-rowindex tell assistive technology the rest.
import { useRef, type JSX } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { DiscoveredHost } from '@shared/contract';
import type { HostSort, HostSortKey } from '../../stores/discovery.selectors';
import { HostRow } from './host-row.view';

export interface HostTableProps {
  hosts: readonly DiscoveredHost[];
  sort: HostSort;
  selected: string | undefined;
  /** Said in the table when there is no row to show. */
  emptyText: string;
  onSort(key: HostSortKey): void;
  onOpen(address: string): void;
}

/** Below this many rows every row is rendered, which keeps find-in-page and tests simple. */
export const virtualizeAbove = 150;
const estimatedRowHeight = 44;

const columns = [
  { key: 'address', label: 'Address' },
  { key: 'name', label: 'Name' },
  { key: 'kind', label: 'Kind' },
  { key: 'vendor', label: 'Vendor and model' },
  { key: 'services', label: 'Services' },
  { key: 'suggestions', label: 'Suggestions' },
  { key: 'liveness', label: 'Liveness' },
] as const satisfies readonly { key: HostSortKey; label: string }[];

const sortArrows = {
  asc: 'M7 15l5-5l5 5',
  desc: 'M7 9l5 5l5-5',
  none: 'M8 10l4-4l4 4M8 14l4 4l4-4',
} as const;

export function HostTable({ hosts, sort, selected, emptyText, onSort, onOpen }: HostTableProps): JSX.Element {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualize = hosts.length > virtualizeAbove;
  // The virtualizer's methods are not memoizable; this app does not use the React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLTableRowElement>({
    count: hosts.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimatedRowHeight,
    getItemKey: (index) => hosts[index]?.address ?? index,
    overscan: 12,
    enabled: virtualize,
  });
  const items = virtualize ? virtualizer.getVirtualItems() : undefined;
  const rows = items
    ? items.flatMap((item) => {
        const host = hosts[item.index];
        return host ? [{ host, index: item.index }] : [];
      })
    : hosts.map((host, index) => ({ host, index }));
  const first = items?.[0];
  const last = items?.at(-1);
  const paddingTop = first ? first.start : 0;
  const paddingBottom = last ? virtualizer.getTotalSize() - last.end : 0;

  return (
    <div
      ref={scrollRef}
      className={virtualize ? 'host-table__scroll host-table__scroll--virtual' : 'host-table__scroll'}
    >
      <table
        className="host-table"
        data-testid="discover-table"
        data-virtual={virtualize}
        aria-label="Discovered hosts"
        aria-rowcount={hosts.length + 1}
      >
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((column) => {
              const active = sort.key === column.key;
              return (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  <button
                    type="button"
                    className="sort-button"
                    data-testid={`discover-sort-${column.key}`}
                    onClick={() => onSort(column.key)}
                  >
                    {column.label}
                    <svg
                      className={
                        active ? 'sort-button__arrow sort-button__arrow--active' : 'sort-button__arrow'
                      }
                      viewBox="0 0 24 24"
                      aria-hidden="true"
                      focusable="false"
                    >
                      <path d={active ? sortArrows[sort.direction] : sortArrows.none} />
                    </svg>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {hosts.length === 0 && (
            <tr className="host-table__empty">
              <td colSpan={columns.length} className="muted" data-testid="discover-table-empty">
                {emptyText}
              </td>
            </tr>
          )}
          {paddingTop > 0 && <SpacerRow height={paddingTop} />}
          {rows.map(({ host, index }) => (
            <HostRow
              key={host.address}
              host={host}
              index={index}
              selected={host.address === selected}
              measureRef={virtualize ? virtualizer.measureElement : undefined}
              onOpen={onOpen}
            />
          ))}
          {paddingBottom > 0 && <SpacerRow height={paddingBottom} />}
        </tbody>
      </table>
    </div>
  );
}

function SpacerRow({ height }: { height: number }): JSX.Element {
  // Set through the CSSOM, which the strict CSP allows (unlike a style attribute in markup).
  return (
    <tr className="host-table__spacer" aria-hidden="true">
      <td colSpan={columns.length} style={{ height }} />
    </tr>
  );
}
