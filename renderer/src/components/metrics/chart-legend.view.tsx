// The chart's legend: each line's colour, name and last value in human units; a line
// can be taken off the chart from here.
import type { JSX } from 'react';
import { formatValue } from '../../stores/metrics/metric-units';
import type { ChartLine } from '../../stores/metrics/chart-data';
import { lineColor } from './uplot-chart.view';

export interface ChartLegendProps {
  lines: readonly ChartLine[];
  onRemove(specId: string): void;
}

export function ChartLegend({ lines, onRemove }: ChartLegendProps): JSX.Element {
  return (
    <ul className="chart-legend" data-testid="metrics-legend">
      {lines.map((line, index) => (
        <li
          key={line.id}
          className="chart-legend__item"
          data-testid="metrics-legend-item"
          data-line={line.id}
        >
          <span
            className="chart-legend__swatch"
            style={{ backgroundColor: lineColor(index) }}
            aria-hidden="true"
          />
          <span className="chart-legend__label">{line.label}</span>
          <span className="chart-legend__value" data-testid="metrics-legend-value">
            {formatValue(line.values.last(), line.unit, { perSecond: line.perSecond })}
          </span>
          <button
            type="button"
            className="button button--ghost button--small"
            aria-label={`Remove ${line.label}`}
            onClick={() => onRemove(line.specId)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
