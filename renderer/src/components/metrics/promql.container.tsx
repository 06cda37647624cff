// PromQL: the server (Promstead's Prometheus or a URL), the editor with completion
// through the engine, instant (table) or range (graph) with range and step, the answer
// or the server's error verbatim, recent queries, and the server's targets, each of
// which opens in the Metrics browser.
import { useEffect, useMemo, useState, type JSX } from 'react';
import type { TargetHealth } from '@shared/contract';
import { useShallow } from 'zustand/react/shallow';
import { getClient } from '../../api';
import { targetForScrapeUrl } from '../../stores/metrics/metrics-targets';
import { useMetricsStore } from '../../stores/metrics/metrics.store';
import { engineCompletionClient } from '../../stores/metrics/promql-client';
import { autoStepSeconds, queryRanges } from '../../stores/metrics/promql-results';
import { serverOf, usePromqlStore } from '../../stores/metrics/promql.store';
import { MetricsErrorNotice } from './metrics-error.view';
import { PrometheusTargets } from './prometheus-targets.view';
import { PromqlEditor } from './promql-editor.view';
import { QueryResultView } from './query-result.view';

const stepChoices = [1, 5, 15, 30, 60, 300, 900, 3600] as const;

export function PromqlContainer(): JSX.Element {
  const promql = usePromqlStore(useShallow((state) => ({ ...state })));
  const metrics = useMetricsStore(
    useShallow((state) => ({
      deployments: state.deployments,
      chooseTarget: state.chooseTarget,
      setTab: state.setTab,
    })),
  );
  const [zeroBased, setZeroBased] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const { loadServers } = promql;
  useEffect(() => void loadServers(), [loadServers]);
  // The completion client reads the server chosen at the time of each lookup.
  const completion = useMemo(
    () =>
      engineCompletionClient(getClient(), () => {
        const chosen = serverOf(usePromqlStore.getState());
        return chosen.ok ? chosen.server : undefined;
      }),
    [],
  );

  const openTarget = (target: TargetHealth): void => {
    const scrapeTarget = targetForScrapeUrl(target.scrapeUrl, metrics.deployments);
    if (!scrapeTarget) return;
    metrics.setTab('browse');
    void metrics.chooseTarget(scrapeTarget);
  };
  const loadTargets = (): void => {
    setNow(Date.now());
    void promql.loadTargets();
  };

  return (
    <div className="metrics-promql">
      <div className="card promql-form">
        <div className="promql-form__server">
          <div className="field">
            <label className="field__label" htmlFor="promql-server">
              Prometheus server
            </label>
            <select
              id="promql-server"
              data-testid="promql-server"
              value={promql.serverKey}
              onChange={(event) => promql.chooseServer(event.target.value)}
            >
              {promql.prometheusDeployments.map((record) => (
                <option key={record.hostId} value={`deployment:${record.hostId}`}>
                  Promstead’s Prometheus on {record.hostId} ({record.scrapeAddress})
                </option>
              ))}
              <option value="url">A server by URL…</option>
            </select>
          </div>
          {promql.serverKey === 'url' && (
            <div className="field">
              <label className="field__label" htmlFor="promql-url">
                URL
              </label>
              <input
                id="promql-url"
                data-testid="promql-url"
                type="url"
                placeholder="http://nas.lan:9090"
                value={promql.serverUrl}
                onChange={(event) => promql.setServerUrl(event.target.value)}
              />
            </div>
          )}
        </div>
        <PromqlEditor
          value={promql.expression}
          completion={completion}
          onChange={promql.setExpression}
          onRun={() => void usePromqlStore.getState().run()}
        />
        <div className="chart-controls" role="toolbar" aria-label="Query options">
          <div className="segmented" role="group" aria-label="Result as">
            {(['table', 'graph'] as const).map((mode) => (
              <button
                key={mode}
                type="button"
                className="segmented__button"
                aria-pressed={promql.mode === mode}
                data-testid={`promql-mode-${mode}`}
                onClick={() => promql.setMode(mode)}
              >
                {mode === 'table' ? 'Table' : 'Graph'}
              </button>
            ))}
          </div>
          {promql.mode === 'graph' && (
            <>
              <label className="chart-controls__field">
                Range
                <select
                  data-testid="promql-range"
                  value={promql.rangeSeconds}
                  onChange={(event) => promql.setRange(Number(event.target.value))}
                >
                  {queryRanges.map((range) => (
                    <option key={range.seconds} value={range.seconds}>
                      {range.label}
                    </option>
                  ))}
                </select>
              </label>
              <label className="chart-controls__field">
                Step
                <select
                  data-testid="promql-step"
                  value={promql.stepSeconds ?? ''}
                  onChange={(event) =>
                    promql.setStep(event.target.value === '' ? undefined : Number(event.target.value))
                  }
                >
                  <option value="">Auto ({autoStepSeconds(promql.rangeSeconds)} s)</option>
                  {stepChoices.map((step) => (
                    <option key={step} value={step}>
                      {step < 60 ? `${step} s` : `${step / 60} min`}
                    </option>
                  ))}
                </select>
              </label>
              <label className="chart-controls__field">
                <input type="checkbox" checked={zeroBased} onChange={() => setZeroBased(!zeroBased)} />Y from
                zero
              </label>
            </>
          )}
          <button
            type="button"
            className="button button--primary"
            data-testid="promql-run"
            disabled={promql.answer.status === 'running'}
            onClick={() => void promql.run()}
          >
            {promql.answer.status === 'running' ? 'Running…' : 'Run'}
          </button>
        </div>
        {promql.answer.status === 'error' && promql.answer.error && (
          <MetricsErrorNotice error={promql.answer.error} testId="promql-error" />
        )}
        {promql.answer.status === 'ready' && promql.answer.data && (
          <QueryResultView
            answer={promql.answer.data}
            mode={promql.answer.mode ?? 'table'}
            zeroBased={zeroBased}
          />
        )}
        {promql.history.length > 0 && (
          <details className="promql-history" data-testid="promql-history">
            <summary>Recent queries ({promql.history.length})</summary>
            <ul>
              {promql.history.map((entry) => (
                <li key={entry}>
                  <button
                    type="button"
                    className="button button--ghost button--small mono"
                    onClick={() => promql.setExpression(entry)}
                  >
                    {entry}
                  </button>
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <div className="card">
        <div className="live-chart__header">
          <h2 className="card__title">Targets</h2>
          <button
            type="button"
            className="button button--secondary button--small"
            data-testid="promql-targets-load"
            disabled={promql.targets.status === 'loading'}
            onClick={loadTargets}
          >
            {promql.targets.status === 'ready' ? 'Reload' : 'Show targets'}
          </button>
        </div>
        {promql.targets.status === 'error' && promql.targets.error && (
          <MetricsErrorNotice error={promql.targets.error} testId="promql-targets-error" />
        )}
        {promql.targets.status === 'ready' && (
          <PrometheusTargets targets={promql.targets.list} now={now} onOpen={openTarget} />
        )}
      </div>
    </div>
  );
}
