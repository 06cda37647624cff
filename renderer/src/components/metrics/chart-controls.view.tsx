// The live chart's controls: scrape interval, time window, pause, zero-based y-axis,
// copy as CSV and clearing the chosen series.
import type { JSX } from 'react';
import { chartWindows, watchIntervals } from '../../stores/metrics/metrics-live.store';

export interface ChartControlsProps {
  intervalMs: number;
  windowSeconds: number;
  paused: boolean;
  zeroBased: boolean;
  copied: boolean;
  onInterval(ms: number): void;
  onWindow(seconds: number): void;
  onPause(): void;
  onZeroBased(): void;
  onCopy(): void;
  onClear(): void;
}

export function ChartControls(props: ChartControlsProps): JSX.Element {
  return (
    <div className="chart-controls" role="toolbar" aria-label="Chart controls">
      <label className="chart-controls__field">
        Every
        <select
          data-testid="metrics-interval"
          value={props.intervalMs}
          onChange={(event) => props.onInterval(Number(event.target.value))}
        >
          {watchIntervals.map((ms) => (
            <option key={ms} value={ms}>
              {ms / 1000} s
            </option>
          ))}
        </select>
      </label>
      <div className="segmented" role="group" aria-label="Time window">
        {chartWindows.map((window) => (
          <button
            key={window.seconds}
            type="button"
            className="segmented__button"
            aria-pressed={props.windowSeconds === window.seconds}
            data-testid={`metrics-window-${window.seconds}`}
            onClick={() => props.onWindow(window.seconds)}
          >
            {window.label}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="button button--secondary button--small"
        aria-pressed={props.paused}
        data-testid="metrics-pause"
        onClick={props.onPause}
      >
        {props.paused ? 'Resume' : 'Pause'}
      </button>
      <label className="chart-controls__field">
        <input
          type="checkbox"
          checked={props.zeroBased}
          data-testid="metrics-zero-based"
          onChange={props.onZeroBased}
        />
        Y from zero
      </label>
      <button
        type="button"
        className="button button--ghost button--small"
        data-testid="metrics-chart-csv"
        onClick={props.onCopy}
      >
        {props.copied ? 'Copied' : 'Copy CSV'}
      </button>
      <button
        type="button"
        className="button button--ghost button--small"
        data-testid="metrics-chart-clear"
        onClick={props.onClear}
      >
        Clear
      </button>
    </div>
  );
}
