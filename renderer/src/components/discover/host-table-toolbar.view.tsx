// Above the host table: the text filter, the kind filter (with counts) and how many
// hosts are shown.
import type { JSX } from 'react';
import { hostKinds, type HostKind } from '@shared/contract';
import type { KindFilter } from '../../stores/discovery.selectors';
import { hostKindLabels } from '../../stores/host-kinds';

export interface HostTableToolbarProps {
  filter: string;
  kindFilter: KindFilter;
  kindCounts: Partial<Record<HostKind, number>>;
  shown: number;
  total: number;
  onFilter(text: string): void;
  onKindFilter(kind: KindFilter): void;
}

export function HostTableToolbar(props: HostTableToolbarProps): JSX.Element {
  const { filter, kindFilter, kindCounts, shown, total } = props;
  return (
    <div className="host-toolbar" role="search" aria-label="Filter hosts">
      <div className="host-toolbar__field">
        <label className="field__label" htmlFor="discover-filter">
          Filter
        </label>
        <input
          id="discover-filter"
          data-testid="discover-filter"
          type="search"
          spellCheck={false}
          autoComplete="off"
          placeholder="Address, name, vendor, model or kind"
          value={filter}
          onChange={(event) => props.onFilter(event.target.value)}
        />
      </div>
      <div className="host-toolbar__field host-toolbar__field--kind">
        <label className="field__label" htmlFor="discover-kind-filter">
          Kind
        </label>
        <select
          id="discover-kind-filter"
          data-testid="discover-kind-filter"
          value={kindFilter}
          onChange={(event) => props.onKindFilter(event.target.value as KindFilter)}
        >
          <option value="all">All kinds</option>
          {hostKinds.map((kind) => (
            <option key={kind} value={kind}>
              {hostKindLabels[kind]} ({kindCounts[kind] ?? 0})
            </option>
          ))}
        </select>
      </div>
      <p
        className="host-toolbar__count"
        data-testid="discover-count"
        data-shown={shown}
        data-total={total}
        role="status"
      >
        {shown === total ? `${total} ${total === 1 ? 'host' : 'hosts'}` : `${shown} of ${total} hosts`}
      </p>
    </div>
  );
}
