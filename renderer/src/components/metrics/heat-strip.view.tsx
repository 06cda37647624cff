// A histogram's buckets over time as a strip of cells: one column per tick, one row per
// bucket (lowest at the bottom), darker where more observations fell in that tick.
// Drawn on a canvas, which the page's CSP allows and which stays cheap at 3,600 columns.
import { useEffect, useRef, type JSX } from 'react';
import type { HeatStrip } from '../../stores/metrics/chart-data';
import { formatValue, type MetricUnit } from '../../stores/metrics/metric-units';

export interface HeatStripProps {
  heat: HeatStrip;
  unit: MetricUnit;
  /** Seconds; the columns inside it are drawn. */
  from: number;
  to: number;
  /** Changes with every tick, so the strip redraws. */
  version: number;
}

const height = 80;

export function HeatStripView({ heat, unit, from, to, version }: HeatStripProps): JSX.Element {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const width = canvas.clientWidth || 600;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    const columns = heat.columns.filter(
      (column) => column.at >= from && column.at <= to && column.counts.length > 0,
    );
    const rows = heat.bounds.length;
    if (rows === 0 || columns.length === 0 || to <= from) return;
    const most = Math.max(1, ...columns.flatMap((column) => column.counts));
    const cellHeight = height / rows;
    const span = to - from;
    const cellWidth = Math.max(1, width / Math.max(1, columns.length));
    const accent = getComputedStyle(canvas).getPropertyValue('--color-accent').trim() || '#e8590c';
    context.fillStyle = accent;
    for (const column of columns) {
      const x = ((column.at - from) / span) * width - cellWidth;
      column.counts.forEach((count, row) => {
        if (count <= 0) return;
        context.globalAlpha = 0.15 + 0.85 * (count / most);
        context.fillRect(x, height - (row + 1) * cellHeight, cellWidth, cellHeight);
      });
    }
    context.globalAlpha = 1;
  }, [heat, from, to, version]);

  const finite = heat.bounds.filter((bound) => Number.isFinite(bound));
  return (
    <figure className="heat-strip" data-testid="metrics-heat-strip">
      <canvas ref={canvasRef} className="heat-strip__canvas" height={height} aria-hidden="true" />
      <figcaption className="muted">
        Observations per bucket in each tick (darker: more), buckets from{' '}
        {finite.length > 0 ? formatValue(finite[0] as number, unit) : '—'} (bottom) to{' '}
        {finite.length > 0 ? formatValue(finite.at(-1) as number, unit) : '—'} and +Inf (top).
      </figcaption>
    </figure>
  );
}
