// Metrics: where to scrape (deployments, exporters a scan found, a URL), the last two
// scrapes of the chosen target, the families browser's search and open groups, the
// chosen family and its label filters, and which tab is shown.
import { create } from 'zustand';
import type { ApiError, DeploymentRecord, ScrapeResult, ScrapeTarget } from '@shared/contract';
import { getClient } from '../../api';
import { useHostsStore } from '../hosts.store';
import type { LabelFilter } from './label-filter';
import {
  buildUrlTarget,
  deploymentChoices,
  discoveredChoices,
  emptyUrlDraft,
  secretOfDraft,
  targetText,
  type TargetChoice,
  type UrlDraft,
} from './metrics-targets';
import { allPrefixes, buildPrefixTree } from './prefix-tree';

export type MetricsTab = 'browse' | 'cardinality' | 'promql';

export interface ScrapeState {
  status: 'idle' | 'scraping' | 'ready' | 'error';
  result?: ScrapeResult;
  /** The scrape before `result`, of the same target: what rates are taken against. */
  previous?: ScrapeResult;
  error?: ApiError;
}

export interface MetricsState {
  tab: MetricsTab;
  sourcesStatus: 'idle' | 'loading' | 'ready';
  deployments: readonly DeploymentRecord[];
  choices: readonly TargetChoice[];
  sourcesError?: string;
  draft: UrlDraft;
  draftError?: string;
  target?: ScrapeTarget;
  targetLabel?: string;
  scrape: ScrapeState;
  query: string;
  expanded: readonly string[];
  family?: string;
  filters: Readonly<Record<string, readonly LabelFilter[]>>;
  setTab(tab: MetricsTab): void;
  loadSources(): Promise<void>;
  editDraft(change: Partial<UrlDraft>): void;
  chooseTarget(target: ScrapeTarget, label?: string): Promise<void>;
  scrapeDraft(): Promise<void>;
  refresh(): Promise<void>;
  setQuery(query: string): void;
  toggleGroup(prefix: string): void;
  expandAll(): void;
  collapseAll(): void;
  selectFamily(name: string | undefined): void;
  setFilter(family: string, filter: LabelFilter): void;
  removeFilter(family: string, label: string): void;
}

const idleScrape: ScrapeState = { status: 'idle' };

export const useMetricsStore = create<MetricsState>()((set, get) => {
  /** Numbers scrapes so an answer for a target no longer chosen is dropped. */
  let scrapeRequest = 0;

  async function scrape(keepPrevious: boolean): Promise<void> {
    const target = get().target;
    if (!target) return;
    const request = ++scrapeRequest;
    const before = get().scrape;
    set({ scrape: { ...before, status: 'scraping', error: undefined } });
    const result = await getClient().api.metrics.scrape({ target });
    if (request !== scrapeRequest) return;
    if (result.ok)
      set({
        scrape: { status: 'ready', result: result.data, previous: keepPrevious ? before.result : undefined },
      });
    else set({ scrape: { ...before, status: 'error', error: result.error } });
  }

  return {
    tab: 'browse',
    sourcesStatus: 'idle',
    deployments: [],
    choices: [],
    draft: emptyUrlDraft,
    scrape: idleScrape,
    query: '',
    expanded: [],
    filters: {},

    setTab: (tab) => set({ tab }),

    loadSources: async () => {
      set({ sourcesStatus: 'loading', sourcesError: undefined });
      const api = getClient().api;
      const hosts = useHostsStore.getState();
      const [deployed, inventory] = await Promise.all([
        api.deploy.list({}),
        api.discovery.inventory(),
        hosts.status === 'ready' ? Promise.resolve() : hosts.load(),
      ]);
      const hostName = (hostId: string): string =>
        useHostsStore.getState().hosts.find((host) => host.id === hostId)?.name ?? hostId;
      const deployments = deployed.ok ? deployed.data.deployments : [];
      const problems = [
        deployed.ok ? undefined : `Deployments: ${deployed.error.message}`,
        inventory.ok ? undefined : `Discovered exporters: ${inventory.error.message}`,
      ].filter((problem) => problem !== undefined);
      set({
        sourcesStatus: 'ready',
        deployments,
        choices: [
          ...deploymentChoices(deployments, hostName),
          ...(inventory.ok ? discoveredChoices(inventory.data.hosts) : []),
        ],
        sourcesError: problems.length > 0 ? problems.join(' ') : undefined,
      });
    },

    editDraft: (change) => set({ draft: { ...get().draft, ...change }, draftError: undefined }),

    chooseTarget: async (target, label) => {
      set({
        target,
        targetLabel: label ?? targetText(target),
        scrape: idleScrape,
        family: undefined,
        query: '',
        expanded: [],
        filters: {},
      });
      await scrape(false);
    },

    scrapeDraft: async () => {
      const draft = get().draft;
      const secret = secretOfDraft(draft);
      let secretId: string | undefined;
      if (secret) {
        const stored = await getClient().api.secrets.put(secret);
        if (!stored.ok) {
          set({ draftError: `Could not store the secret: ${stored.error.message}` });
          return;
        }
        secretId = stored.data.id;
      }
      const built = buildUrlTarget(draft, secretId);
      if (!built.ok) {
        set({ draftError: built.error });
        return;
      }
      // What was typed is stored now; the form keeps only the reference from here on.
      set({ draft: { ...draft, password: '', token: '' }, draftError: undefined });
      await get().chooseTarget(built.target);
    },

    refresh: () => scrape(true),

    setQuery: (query) => set({ query }),

    toggleGroup: (prefix) => {
      const expanded = get().expanded;
      set({
        expanded: expanded.includes(prefix)
          ? expanded.filter((open) => open !== prefix)
          : [...expanded, prefix],
      });
    },

    expandAll: () => {
      const summaries = get().scrape.result?.summaries ?? [];
      set({ expanded: allPrefixes(buildPrefixTree(summaries.map((summary) => summary.name))) });
    },

    collapseAll: () => set({ expanded: [] }),

    selectFamily: (name) => set({ family: name }),

    setFilter: (family, filter) => {
      const current = get().filters[family] ?? [];
      const others = current.filter((existing) => existing.label !== filter.label);
      set({ filters: { ...get().filters, [family]: [...others, filter] } });
    },

    removeFilter: (family, label) => {
      const current = get().filters[family] ?? [];
      set({
        filters: { ...get().filters, [family]: current.filter((existing) => existing.label !== label) },
      });
    },
  };
});
