// Metrics: pick an exporter (deployed, found by a scan, or a URL), browse its families and
// series, chart series live, see what costs the most series and drop it, or ask a
// Prometheus server with PromQL.
import { lazy, Suspense, useEffect, type JSX } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { BrowseContainer } from '../components/metrics/browse.container';
import { CardinalityContainer } from '../components/metrics/cardinality.container';
import { MetricsErrorNotice } from '../components/metrics/metrics-error.view';
import { ScrapeSummary } from '../components/metrics/scrape-summary.view';
import { TargetPicker } from '../components/metrics/target-picker.view';
import { useMetricsStore, type MetricsTab } from '../stores/metrics/metrics.store';
import { PageHeader } from './page-header.view';

/** The PromQL editor (CodeMirror) is loaded when its tab is first opened, not with the app. */
const PromqlContainer = lazy(() =>
  import('../components/metrics/promql.container').then((module) => ({ default: module.PromqlContainer })),
);

const tabs: readonly { id: MetricsTab; label: string }[] = [
  { id: 'browse', label: 'Browse' },
  { id: 'cardinality', label: 'Cardinality' },
  { id: 'promql', label: 'PromQL' },
];

export function MetricsPage(): JSX.Element {
  const metrics = useMetricsStore(useShallow((state) => ({ ...state })));
  const { loadSources } = metrics;
  useEffect(() => void loadSources(), [loadSources]);

  const chosenKey = metrics.choices.find(
    (choice) => JSON.stringify(choice.target) === JSON.stringify(metrics.target),
  )?.key;
  const { scrape } = metrics;
  const result = scrape.result;

  return (
    <section className="page page--wide metrics" aria-labelledby="page-title">
      <PageHeader title="Metrics">
        Scrape an exporter and browse what it exposes, chart series live, find what costs the most series, or
        query Prometheus.
      </PageHeader>

      <div className="tabs" role="tablist" aria-label="Metrics views">
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`metrics-tab-${tab.id}`}
            aria-selected={metrics.tab === tab.id}
            aria-controls="metrics-tab-panel"
            className="tabs__tab"
            data-testid={`metrics-tab-${tab.id}`}
            onClick={() => metrics.setTab(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>

      <div
        id="metrics-tab-panel"
        role="tabpanel"
        aria-labelledby={`metrics-tab-${metrics.tab}`}
        className="stack"
      >
        {metrics.tab !== 'promql' && (
          <div className="card metrics-target">
            <TargetPicker
              choices={metrics.choices}
              chosenKey={chosenKey}
              loading={metrics.sourcesStatus !== 'ready'}
              sourcesError={metrics.sourcesError}
              draft={metrics.draft}
              draftError={metrics.draftError}
              scraping={scrape.status === 'scraping'}
              onChoose={(choice) => void metrics.chooseTarget(choice.target, choice.label)}
              onDraft={metrics.editDraft}
              onScrapeUrl={() => void metrics.scrapeDraft()}
            />
            {scrape.status === 'scraping' && !result && (
              <p className="muted" role="status" data-testid="metrics-scraping">
                Scraping {metrics.targetLabel}…
              </p>
            )}
            {scrape.error && <MetricsErrorNotice error={scrape.error} testId="metrics-scrape-error" />}
            {result && (
              <ScrapeSummary
                result={result}
                scraping={scrape.status === 'scraping'}
                onRefresh={() => void metrics.refresh()}
              />
            )}
          </div>
        )}
        {metrics.tab === 'browse' && result && <BrowseContainer result={result} />}
        {metrics.tab === 'cardinality' && result && metrics.target && (
          <CardinalityContainer result={result} target={metrics.target} />
        )}
        {metrics.tab === 'promql' && (
          <Suspense fallback={<p className="muted">Loading the query editor…</p>}>
            <PromqlContainer />
          </Suspense>
        )}
      </div>
    </section>
  );
}
