// PromQL: which Prometheus to ask (the one Promstead deployed, or a URL), the expression,
// instant (table) or range (graph) with its range and step, the answer or the server's
// own error, recent queries, and the server's scrape targets with their health.
import { create } from 'zustand';
import {
  PrometheusServerSchema,
  type ApiError,
  type DeploymentRecord,
  type PrometheusServer,
  type QueryAnswer,
  type TargetHealth,
} from '@shared/contract';
import { getClient } from '../../api';
import { autoStepSeconds, pushHistory } from './promql-results';

export type QueryMode = 'table' | 'graph';

export interface PromqlState {
  /** `deployment:<hostId>` or `url`. */
  serverKey: string;
  serverUrl: string;
  prometheusDeployments: readonly DeploymentRecord[];
  expression: string;
  mode: QueryMode;
  rangeSeconds: number;
  /** undefined: chosen from the range. */
  stepSeconds?: number;
  answer: {
    status: 'idle' | 'running' | 'ready' | 'error';
    data?: QueryAnswer;
    error?: ApiError;
    mode?: QueryMode;
  };
  history: readonly string[];
  targets: {
    status: 'idle' | 'loading' | 'ready' | 'error';
    list: readonly TargetHealth[];
    error?: ApiError;
  };
  loadServers(): Promise<void>;
  chooseServer(key: string): void;
  setServerUrl(url: string): void;
  setExpression(expression: string): void;
  setMode(mode: QueryMode): void;
  setRange(seconds: number): void;
  setStep(seconds: number | undefined): void;
  run(): Promise<void>;
  loadTargets(): Promise<void>;
}

/** The server the choice names, or why there is none. */
export function serverOf(
  state: Pick<PromqlState, 'serverKey' | 'serverUrl'>,
): { ok: true; server: PrometheusServer } | { ok: false; error: string } {
  if (state.serverKey.startsWith('deployment:'))
    return { ok: true, server: { kind: 'deployment', hostId: state.serverKey.slice('deployment:'.length) } };
  const url = state.serverUrl.trim();
  if (url === '') return { ok: false, error: 'Choose the deployed Prometheus or enter a server URL.' };
  const parsed = PrometheusServerSchema.safeParse({ kind: 'url', url });
  return parsed.success
    ? { ok: true, server: parsed.data }
    : { ok: false, error: 'Enter an http:// or https:// URL such as http://nas.lan:9090.' };
}

const localError = (message: string): ApiError => ({ code: 'VALIDATION', message });

export const usePromqlStore = create<PromqlState>()((set, get) => {
  let queryRequest = 0;
  let targetsRequest = 0;

  return {
    serverKey: 'url',
    serverUrl: '',
    prometheusDeployments: [],
    expression: '',
    mode: 'table',
    rangeSeconds: 3600,
    answer: { status: 'idle' },
    history: [],
    targets: { status: 'idle', list: [] },

    loadServers: async () => {
      const result = await getClient().api.deploy.list({});
      if (!result.ok) return;
      const prometheusDeployments = result.data.deployments.filter(
        (record) => record.exporter === 'prometheus',
      );
      const first = prometheusDeployments[0];
      // Promstead's own Prometheus is the obvious server once there is one.
      const serverKey =
        get().serverKey === 'url' && get().serverUrl === '' && first
          ? `deployment:${first.hostId}`
          : get().serverKey;
      set({ prometheusDeployments, serverKey });
    },

    chooseServer: (serverKey) => {
      queryRequest++;
      targetsRequest++;
      set({ serverKey, answer: { status: 'idle' }, targets: { status: 'idle', list: [] } });
    },

    setServerUrl: (serverUrl) => set({ serverUrl }),
    setExpression: (expression) => set({ expression }),
    setMode: (mode) => set({ mode }),
    setRange: (rangeSeconds) => set({ rangeSeconds }),
    setStep: (stepSeconds) => set({ stepSeconds }),

    run: async () => {
      const { expression, mode, rangeSeconds, stepSeconds } = get();
      const chosen = serverOf(get());
      if (!chosen.ok) {
        set({ answer: { status: 'error', error: localError(chosen.error) } });
        return;
      }
      if (expression.trim() === '') {
        set({ answer: { status: 'error', error: localError('Enter a PromQL expression.') } });
        return;
      }
      const request = ++queryRequest;
      set({ answer: { status: 'running', mode }, history: pushHistory(get().history, expression) });
      const api = getClient().api.query;
      const now = Date.now();
      const result =
        mode === 'table'
          ? await api.instant({ server: chosen.server, query: expression })
          : await api.range({
              server: chosen.server,
              query: expression,
              start: now - rangeSeconds * 1000,
              end: now,
              stepSeconds: stepSeconds ?? autoStepSeconds(rangeSeconds),
            });
      if (request !== queryRequest) return;
      set({
        answer: result.ok
          ? { status: 'ready', data: result.data, mode }
          : { status: 'error', error: result.error, mode },
      });
    },

    loadTargets: async () => {
      const chosen = serverOf(get());
      if (!chosen.ok) {
        set({ targets: { status: 'error', list: [], error: localError(chosen.error) } });
        return;
      }
      const request = ++targetsRequest;
      set({ targets: { ...get().targets, status: 'loading' } });
      const result = await getClient().api.query.targets({ server: chosen.server });
      if (request !== targetsRequest) return;
      set({
        targets: result.ok
          ? { status: 'ready', list: result.data.targets }
          : { status: 'error', list: [], error: result.error },
      });
    },
  };
});
