// A time-series chart drawn by uPlot: one y scale per unit (the first two get an axis,
// left and right), values on the axes in human units, a 24-hour time axis. The chart is
// rebuilt only when its lines or axis options change; new points go in with setData.
// uPlot sets styles through the CSSOM and draws on canvas, so the page's CSP holds.
import { useEffect, useRef, type JSX } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatValue, type MetricUnit } from '../../stores/metrics/metric-units';
import { axisTime } from '../../stores/metrics/time-format';

export interface ChartLineView {
  id: string;
  label: string;
  unit: MetricUnit;
  perSecond: boolean;
}

export interface UplotChartProps {
  lines: readonly ChartLineView[];
  /** Seconds since the epoch. */
  times: readonly number[];
  series: readonly (readonly (number | null)[])[];
  zeroBased: boolean;
  /** The x range to show, in seconds; the data's own range when absent. */
  xRange?: readonly [number, number];
  height?: number;
  testId: string;
  /** Called after each draw (the live chart measures its render cost here). */
  onDrawn?(): void;
}

/** Distinct on light and dark backgrounds; a line keeps its colour by position. */
export const linePalette = [
  '#e8590c',
  '#1c7ed6',
  '#2f9e44',
  '#ae3ec9',
  '#f59f00',
  '#0ca678',
  '#e03131',
  '#5c7cfa',
  '#a61e4d',
  '#868e96',
] as const;

export function lineColor(index: number): string {
  return linePalette[index % linePalette.length] as string;
}

function scaleKey(line: ChartLineView): string {
  return `${line.unit}${line.perSecond ? '/s' : ''}`;
}

function buildOptions(
  lines: readonly ChartLineView[],
  width: number,
  height: number,
  zeroBased: boolean,
  textColor: string,
  onDrawn: () => void,
): uPlot.Options {
  const scaleOrder = [...new Set(lines.map(scaleKey))];
  const unitOfScale = new Map(lines.map((line) => [scaleKey(line), line]));
  const gridColor = 'rgba(128, 128, 128, 0.18)';
  const yRange = (_u: uPlot, min: number, max: number): [number, number] => {
    if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
    const low = zeroBased ? Math.min(0, min) : min;
    const high = zeroBased ? Math.max(0, max) : max;
    const pad = high === low ? Math.abs(high) * 0.1 || 1 : (high - low) * 0.05;
    return [zeroBased && low === 0 ? 0 : low - pad, high + pad];
  };
  const scales: uPlot.Scales = { x: { time: true } };
  for (const key of scaleOrder) scales[key] = { range: yRange };
  const valueAxis = (key: string, side: 1 | 3): uPlot.Axis => {
    const line = unitOfScale.get(key) as ChartLineView;
    return {
      scale: key,
      side,
      size: 72,
      stroke: textColor,
      grid: { show: side === 3, stroke: gridColor },
      values: (_u, splits) =>
        splits.map((value) => formatValue(value, line.unit, { perSecond: line.perSecond })),
    };
  };
  return {
    width,
    height,
    legend: { show: false },
    cursor: { drag: { x: true, y: false } },
    scales,
    axes: [
      {
        stroke: textColor,
        grid: { stroke: gridColor },
        // 24-hour labels are eight characters wide: keep ticks far enough apart.
        space: 90,
        values: (u, splits) => {
          const span = (u.scales.x?.max ?? 0) - (u.scales.x?.min ?? 0);
          return splits.map((seconds) => axisTime(seconds * 1000, span));
        },
      },
      ...scaleOrder.slice(0, 2).map((key, index) => valueAxis(key, index === 0 ? 3 : 1)),
    ],
    series: [
      {},
      ...lines.map((line, index) => ({
        label: line.label,
        scale: scaleKey(line),
        stroke: lineColor(index),
        width: 1.5,
        points: { show: false },
        spanGaps: false,
      })),
    ],
    hooks: { draw: [onDrawn] },
  };
}

export function UplotChart({
  lines,
  times,
  series,
  zeroBased,
  xRange,
  height = 300,
  testId,
  onDrawn,
}: UplotChartProps): JSX.Element {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | undefined>(undefined);
  const onDrawnRef = useRef(onDrawn);
  const dataRef = useRef({ times, series, xRange });
  useEffect(() => {
    onDrawnRef.current = onDrawn;
    dataRef.current = { times, series, xRange };
  });
  const shape = JSON.stringify(lines.map((line) => [line.id, line.unit, line.perSecond, line.label]));

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const textColor = getComputedStyle(container).color;
    const current = dataRef.current;
    const chart = new uPlot(
      buildOptions(lines, container.clientWidth || 600, height, zeroBased, textColor, () =>
        onDrawnRef.current?.(),
      ),
      [current.times as number[], ...(current.series as (number | null)[][])],
      container,
    );
    chartRef.current = chart;
    const observer = new ResizeObserver(() => chart.setSize({ width: container.clientWidth, height }));
    observer.observe(container);
    return () => {
      observer.disconnect();
      chart.destroy();
      chartRef.current = undefined;
    };
    // `shape` stands for `lines`: the chart is rebuilt when the lines differ, not when the array does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, zeroBased, height]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    chart.batch(() => {
      chart.setData([times as number[], ...(series as (number | null)[][])], xRange === undefined);
      if (xRange) chart.setScale('x', { min: xRange[0], max: xRange[1] });
    });
  }, [times, series, xRange]);

  return <div className="uplot-chart" data-testid={testId} data-points={times.length} ref={containerRef} />;
}
