// Browse: the scraped families (search, prefix tree) beside the chosen family's series
// with label filters, and above them the live chart of the series ticked for charting.
// The live watch runs only while this view is shown.
import { useEffect, useMemo, useState, type JSX } from 'react';
import type { MetricSample, ScrapeResult } from '@shared/contract';
import { useShallow } from 'zustand/react/shallow';
import { chartSpecFor } from '../../stores/metrics/chart-series';
import { labelValueCounts } from '../../stores/metrics/label-filter';
import { familyOf, familyRows, seriesCsv, seriesView } from '../../stores/metrics/metrics.selectors';
import { useMetricsLiveStore } from '../../stores/metrics/metrics-live.store';
import { useMetricsStore } from '../../stores/metrics/metrics.store';
import { FamilyBrowser } from './family-browser.view';
import { LabelFilters } from './label-filters.view';
import { LiveChartContainer } from './live-chart.container';
import { SeriesTable } from './series-table.view';

const noFilters: never[] = [];

export function BrowseContainer({ result }: { result: ScrapeResult }): JSX.Element {
  const metrics = useMetricsStore(
    useShallow((state) => ({
      target: state.target,
      scrape: state.scrape,
      query: state.query,
      expanded: state.expanded,
      family: state.family,
      filters: state.filters,
      setQuery: state.setQuery,
      toggleGroup: state.toggleGroup,
      expandAll: state.expandAll,
      collapseAll: state.collapseAll,
      selectFamily: state.selectFamily,
      setFilter: state.setFilter,
      removeFilter: state.removeFilter,
    })),
  );
  const live = useMetricsLiveStore(
    useShallow((state) => ({ specs: state.specs, toggleSeries: state.toggleSeries })),
  );
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    // Back with series chosen: watch them again; leaving (page or tab) cancels the watch.
    const current = useMetricsLiveStore.getState();
    if (current.specs.length > 0 && !current.jobId) void current.start();
    return () => void useMetricsLiveStore.getState().stop();
  }, []);

  const rows = useMemo(
    () => familyRows(result.summaries, metrics.query, metrics.expanded),
    [result.summaries, metrics.query, metrics.expanded],
  );
  const family = familyOf(result, metrics.family);
  const filters = (metrics.family ? metrics.filters[metrics.family] : undefined) ?? noFilters;
  const view = useMemo(
    () => (family ? seriesView(family, filters, result, metrics.scrape.previous) : undefined),
    [family, filters, result, metrics.scrape.previous],
  );
  const labels = useMemo(() => (family ? labelValueCounts(family.samples) : []), [family]);
  const charted = useMemo(() => new Set(live.specs.map((spec) => spec.id)), [live.specs]);

  const chartIdOf = (sample: MetricSample): string | undefined =>
    family ? chartSpecFor(family, sample)?.id : undefined;
  const chart = (sample: MetricSample): void => {
    const spec = family ? chartSpecFor(family, sample) : undefined;
    if (spec && metrics.target) live.toggleSeries(metrics.target, spec);
  };
  const copy = (): void => {
    if (!family || !view) return;
    void navigator.clipboard.writeText(seriesCsv(family, view.rows)).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  };

  return (
    <div className="metrics-browse">
      <aside className="card metrics-browse__families">
        <FamilyBrowser
          rows={rows}
          total={result.summaries.length}
          query={metrics.query}
          selected={metrics.family}
          onQuery={metrics.setQuery}
          onToggle={metrics.toggleGroup}
          onSelect={metrics.selectFamily}
          onExpandAll={metrics.expandAll}
          onCollapseAll={metrics.collapseAll}
        />
      </aside>
      <div className="metrics-browse__main">
        <LiveChartContainer />
        <div className="card">
          {family && view ? (
            <SeriesTable
              family={family}
              view={view}
              filters={
                <LabelFilters
                  labels={labels}
                  filters={filters}
                  errors={view.errors}
                  onFilter={(filter) => metrics.setFilter(family.name, filter)}
                  onRemove={(label) => metrics.removeFilter(family.name, label)}
                />
              }
              chartIdOf={chartIdOf}
              charted={charted}
              copied={copied}
              onChart={chart}
              onCopy={copy}
            />
          ) : (
            <p className="muted" data-testid="metrics-no-family">
              Choose a family on the left to see its series. Tick a series to chart it live: counters as
              per-second rates, histograms as p50/p90/p99.
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
