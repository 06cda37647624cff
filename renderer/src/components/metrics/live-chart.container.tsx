// The live chart bound to its store: the watch's state, the chart over the chosen window
// (frozen while paused), the heat strip of the first histogram, the legend and controls.
// Each tick's cost, from the store update to uPlot's draw, is measured as
// `metrics-render` so the end-to-end test and the bench can read it.
import { useMemo, useState, type JSX } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { toCsv } from '../../stores/metrics/csv';
import { chartRows, windowedColumns } from '../../stores/metrics/chart-data';
import { renderMeasure, tickMark, useMetricsLiveStore } from '../../stores/metrics/metrics-live.store';
import { targetText } from '../../stores/metrics/metrics-targets';
import { ChartControls } from './chart-controls.view';
import { ChartLegend } from './chart-legend.view';
import { HeatStripView } from './heat-strip.view';
import { MetricsErrorNotice } from './metrics-error.view';
import { UplotChart } from './uplot-chart.view';

/** One measure per tick: only a draw that follows a tick's mark is measured. */
function measureTick(): void {
  if (performance.getEntriesByName(tickMark, 'mark').length === 0) return;
  performance.measure(renderMeasure, tickMark);
  performance.clearMarks(tickMark);
}

export function LiveChartContainer(): JSX.Element | null {
  const live = useMetricsLiveStore(useShallow((state) => ({ ...state })));
  const [copied, setCopied] = useState(false);
  const { data, version, paused, windowSeconds } = live;
  // While paused the chart keeps the columns it had; ticks still fill the buffers.
  const [frozen, setFrozen] = useState<ReturnType<typeof windowedColumns> | undefined>(undefined);
  const columns = useMemo(
    () => windowedColumns(data, windowSeconds),
    // `version` changes with every tick: the buffers are mutated in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, version, windowSeconds],
  );
  const shown = paused && frozen ? frozen : columns;
  const last = shown.times.at(-1);
  const xRange = useMemo(
    () => (last === undefined ? undefined : ([last - windowSeconds, last] as const)),
    [last, windowSeconds],
  );
  if (live.specs.length === 0) return null;

  const togglePause = (): void => {
    setFrozen(paused ? undefined : columns);
    live.togglePause();
  };
  const copy = (): void => {
    const rows = chartRows(data);
    void navigator.clipboard.writeText(toCsv(rows.header, rows.rows)).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  };
  const heatUnit = live.specs.find((spec) => spec.id === data.heat?.specId)?.unit ?? 'none';

  return (
    <section
      className="card live-chart"
      aria-label="Live chart"
      data-testid="metrics-live-chart"
      data-status={live.status}
      data-ticks={data.ticks}
    >
      <div className="live-chart__header">
        <h2 className="card__title">
          Live {live.target && <span className="muted mono">{targetText(live.target)}</span>}
        </h2>
        <span className="muted" data-testid="metrics-watch-status">
          {live.status === 'watching' && `Scraping every ${live.intervalMs / 1000} s · ${data.ticks} ticks`}
          {live.status === 'starting' && 'Starting…'}
          {live.status === 'ended' && 'The watch ended.'}
          {data.failedTicks > 0 && ` · ${data.failedTicks} failed`}
        </span>
      </div>
      <ChartControls
        intervalMs={live.intervalMs}
        windowSeconds={windowSeconds}
        paused={paused}
        zeroBased={live.zeroBased}
        copied={copied}
        onInterval={live.setInterval}
        onWindow={live.setWindow}
        onPause={togglePause}
        onZeroBased={live.toggleZeroBased}
        onCopy={copy}
        onClear={live.clearSeries}
      />
      {live.notice && <p className="notice notice--warn">{live.notice}</p>}
      {live.error && <MetricsErrorNotice error={live.error} testId="metrics-watch-error" />}
      {data.lastError && (
        <p className="notice notice--warn" data-testid="metrics-tick-error">
          Last scrape failed ({data.lastError.code}): {data.lastError.message}
        </p>
      )}
      <UplotChart
        lines={data.lines}
        times={shown.times}
        series={shown.series}
        zeroBased={live.zeroBased}
        xRange={xRange}
        testId="metrics-chart"
        onDrawn={measureTick}
      />
      {data.heat && last !== undefined && (
        <HeatStripView
          heat={data.heat}
          unit={heatUnit}
          from={last - windowSeconds}
          to={last}
          version={version}
        />
      )}
      <ChartLegend lines={data.lines} onRemove={live.removeSeries} />
    </section>
  );
}
