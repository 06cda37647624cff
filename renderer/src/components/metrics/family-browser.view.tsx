// The families of a scrape: a search box (fuzzy, matched letters marked) over a prefix
// tree that folds (`node_` → `node_cpu_` → …). Only the rows in view are in the page,
// so 10,000 families scroll as smoothly as ten.
import { useRef, type JSX } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { highlightRuns } from '../../stores/metrics/fuzzy-match';
import type { FamilyRow } from '../../stores/metrics/metrics.selectors';

export interface FamilyBrowserProps {
  rows: readonly FamilyRow[];
  total: number;
  query: string;
  selected: string | undefined;
  onQuery(query: string): void;
  onToggle(prefix: string): void;
  onSelect(name: string): void;
  onExpandAll(): void;
  onCollapseAll(): void;
}

const rowHeight = 30;

const typeBadges: Record<string, string> = {
  counter: 'badge--info',
  gauge: 'badge--ok',
  histogram: 'badge--warn',
  summary: 'badge--warn',
};

export function FamilyBrowser(props: FamilyBrowserProps): JSX.Element {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer's methods are not memoizable; this app does not use the React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: props.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey: (index) => {
      const row = props.rows[index];
      return row ? (row.kind === 'group' ? `g:${row.prefix}` : `f:${row.name}`) : index;
    },
    overscan: 20,
  });
  const searching = props.query.trim() !== '';

  return (
    <div className="family-browser" data-testid="metrics-families">
      <div className="family-browser__toolbar">
        <input
          type="search"
          className="family-browser__search"
          data-testid="metrics-family-search"
          placeholder="Search families…"
          aria-label="Search metric families"
          value={props.query}
          onChange={(event) => props.onQuery(event.target.value)}
        />
        {!searching && (
          <>
            <button type="button" className="button button--ghost button--small" onClick={props.onExpandAll}>
              Expand all
            </button>
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={props.onCollapseAll}
            >
              Collapse
            </button>
          </>
        )}
      </div>
      {searching && (
        <p className="muted family-browser__count" data-testid="metrics-family-matches">
          {props.rows.length.toLocaleString('en')} of {props.total.toLocaleString('en')} families match
        </p>
      )}
      <div className="family-browser__scroll" ref={scrollRef}>
        <div
          role="tree"
          aria-label="Metric families"
          className="family-browser__list"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const row = props.rows[item.index];
            if (!row) return null;
            const position = { transform: `translateY(${item.start}px)`, paddingLeft: 8 + row.depth * 16 };
            if (row.kind === 'group')
              return (
                <button
                  key={item.key}
                  type="button"
                  role="treeitem"
                  aria-level={row.depth + 1}
                  aria-expanded={row.expanded}
                  className="family-browser__row family-browser__row--group"
                  data-testid="metrics-group-row"
                  data-prefix={row.prefix}
                  style={position}
                  onClick={() => props.onToggle(row.prefix)}
                >
                  <span className="family-browser__caret" aria-hidden="true">
                    {row.expanded ? '▾' : '▸'}
                  </span>
                  <span className="mono">{row.prefix}</span>
                  <span className="muted family-browser__group-count">{row.count}</span>
                </button>
              );
            return (
              <button
                key={item.key}
                type="button"
                role="treeitem"
                aria-level={row.depth + 1}
                aria-selected={row.name === props.selected}
                className="family-browser__row"
                data-testid="metrics-family-row"
                data-name={row.name}
                data-type={row.summary.type}
                style={position}
                title={row.summary.help || undefined}
                onClick={() => props.onSelect(row.name)}
              >
                <span className="mono family-browser__name">
                  {highlightRuns(row.name, row.positions).map((run, index) =>
                    run.matched ? <mark key={index}>{run.text}</mark> : <span key={index}>{run.text}</span>,
                  )}
                </span>
                <span className={`badge ${typeBadges[row.summary.type] ?? 'badge--muted'}`}>
                  {row.summary.type}
                </span>
                <span className="muted family-browser__series">
                  {row.summary.series.toLocaleString('en')}
                </span>
              </button>
            );
          })}
        </div>
      </div>
    </div>
  );
}
