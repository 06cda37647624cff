// Deploy: the chosen host, install method and exporters (discovery's suggestions
// preselected, blackbox_exporter's modules in the shared editor), the plan, the apply and
// uninstall jobs' ids (their progress lives in the jobs store) and the host's recorded
// deployments, re-read when one of those jobs ends.
import { create } from 'zustand';
import {
  type ApiError,
  type CatalogEntry,
  type DeploymentRecord,
  type DeployPlan,
  type DiscoveredHost,
  type ExporterId,
  type ExporterRequest,
} from '@shared/contract';
import { getClient } from '../api';
import {
  blackboxEditorActions,
  blackboxExporterId,
  editorFromParamsText,
  initialBlackboxEditorState,
  modulesAreValid,
  type BlackboxEditorState,
} from './blackbox-editor';
import { effectiveMethod, lastPreflightOf, recommendationOf, type MethodChoice } from './deploy-method';
import {
  buildDeployInput,
  discoveredHostFor,
  suggestedSelection,
  type BuiltInput,
  type Selection,
} from './deploy-selection';
import { useHostsStore } from './hosts.store';
import { useJobsStore } from './jobs.store';

export interface PlanState {
  status: 'idle' | 'planning' | 'ready' | 'error';
  plan?: DeployPlan;
  error?: ApiError;
}

export interface JobStart {
  starting: boolean;
  jobId?: string;
  error?: ApiError;
}

export interface UninstallState extends JobStart {
  /** Asked about, not yet confirmed; undefined exporter means everything on the host. */
  confirming?: { exporter?: ExporterId };
}

export interface DeployState extends BlackboxEditorState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadError?: ApiError;
  catalog: readonly CatalogEntry[];
  discovered: readonly DiscoveredHost[];
  hostId?: string;
  /** The discovered host whose suggestions were preselected. */
  suggestedFrom?: string;
  selection: Selection;
  /** The method the person picked; undefined follows the host's last preflight. */
  methodChoice?: MethodChoice;
  /** Why the chosen exporters cannot be planned as they stand. */
  inputError?: string;
  plan: PlanState;
  apply: JobStart;
  deployments: readonly DeploymentRecord[];
  deploymentsError?: ApiError;
  uninstall: UninstallState;
  ensureLoaded(): Promise<void>;
  chooseHost(hostId: string | undefined): Promise<void>;
  /**
   * Plan exactly these exporters on a host (another page redeploying what was deployed,
   * e.g. Prometheus with new drop rules): no suggestions, the given method, then the plan.
   */
  planFor(hostId: string, exporters: readonly ExporterRequest[], method: MethodChoice): Promise<void>;
  chooseMethod(method: MethodChoice): void;
  toggleExporter(exporter: ExporterId): void;
  editParams(exporter: ExporterId, text: string): void;
  makePlan(): Promise<void>;
  startApply(): Promise<void>;
  loadDeployments(): Promise<void>;
  askUninstall(exporter?: ExporterId): void;
  cancelUninstall(): void;
  confirmUninstall(): Promise<void>;
  /** From the job-events bridge: an apply or uninstall this store started has ended. */
  noteJobEnded(jobId: string): void;
}

const idlePlan: PlanState = { status: 'idle' };

export const useDeployStore = create<DeployState>()((set, get) => {
  let loading: Promise<void> | undefined;
  /** Numbers plan requests so an answer for an older choice is dropped. */
  let planRequest = 0;
  /** Jobs whose end was handled: a resync reports ended jobs again. */
  const handledEnds = new Set<string>();

  async function load(): Promise<void> {
    set({ status: 'loading', loadError: undefined });
    const api = getClient().api;
    const [catalog, inventory] = await Promise.all([api.exporters.list(), api.discovery.inventory()]);
    if (!catalog.ok) {
      set({ status: 'error', loadError: catalog.error });
      return;
    }
    // Without an inventory there is nothing to preselect, but deploying still works.
    set({
      status: 'ready',
      catalog: catalog.data.exporters,
      discovered: inventory.ok ? inventory.data.hosts : [],
    });
  }

  /** Any change to the choice makes the shown plan stale. */
  function changeSelection(selection: Selection): void {
    planRequest++;
    set({ selection, plan: idlePlan, inputError: undefined });
  }

  /** The chosen method, else the one the host's last preflight (seen by this window) found. */
  function methodNow(): MethodChoice {
    const host = useHostsStore.getState().hosts.find((candidate) => candidate.id === get().hostId);
    const report = lastPreflightOf(useJobsStore.getState().byId, host);
    return effectiveMethod(get().methodChoice, recommendationOf(report));
  }

  /** The input to plan or apply; modules the editor marks never reach the server. */
  function inputNow(): BuiltInput {
    const { hostId, selection, blackbox } = get();
    if (selection[blackboxExporterId] && !blackbox.unreadable && !modulesAreValid(blackbox.modules))
      return { ok: false, error: `${blackboxExporterId}: fix the marked module fields first.` };
    return buildDeployInput(hostId, selection, methodNow());
  }

  const blackboxActions = blackboxEditorActions({
    fields: () => get(),
    set: (fields, paramsText) => {
      const chosen = get().selection[blackboxExporterId];
      if (paramsText === undefined || !chosen) set(fields);
      else {
        set(fields);
        changeSelection({ ...get().selection, [blackboxExporterId]: { ...chosen, paramsText } });
      }
    },
    paramsText: () => get().selection[blackboxExporterId]?.paramsText ?? '{}',
    // A module edit the JSON cannot take yet still makes the shown plan stale.
    changed: (_pace, written) => {
      if (!written) changeSelection(get().selection);
    },
  });

  return {
    status: 'idle',
    catalog: [],
    discovered: [],
    selection: {},
    plan: idlePlan,
    apply: { starting: false },
    deployments: [],
    uninstall: { starting: false },
    ...initialBlackboxEditorState(),
    ...blackboxActions,

    ensureLoaded: () => {
      if (get().status === 'ready') return Promise.resolve();
      loading ??= load().finally(() => (loading = undefined));
      return loading;
    },

    chooseHost: async (hostId) => {
      planRequest++;
      set({
        hostId,
        selection: {},
        methodChoice: undefined,
        ...initialBlackboxEditorState(),
        suggestedFrom: undefined,
        plan: idlePlan,
        inputError: undefined,
        apply: { starting: false },
        uninstall: { starting: false },
        deployments: [],
        deploymentsError: undefined,
      });
      if (!hostId) return;
      const hosts = useHostsStore.getState();
      if (hosts.status !== 'ready') await hosts.load();
      await get().ensureLoaded();
      // A scan may have run since the page loaded: its suggestions are the ones to use.
      const inventory = await getClient().api.discovery.inventory();
      if (get().hostId !== hostId) return;
      if (inventory.ok) set({ discovered: inventory.data.hosts });
      const host = useHostsStore.getState().hosts.find((candidate) => candidate.id === hostId);
      const discovered = host ? discoveredHostFor(host, get().discovered) : undefined;
      const selection = suggestedSelection(discovered, get().catalog);
      set({
        selection,
        suggestedFrom: discovered?.address,
        blackbox: editorFromParamsText(
          selection[blackboxExporterId]?.paramsText ?? '{}',
          initialBlackboxEditorState().blackbox,
        ),
      });
      await get().loadDeployments();
    },

    planFor: async (hostId, exporters, method) => {
      planRequest++;
      const selection: Selection = Object.fromEntries(
        exporters.map((request) => [
          request.exporter,
          { paramsText: JSON.stringify(request.params ?? {}, null, 2) },
        ]),
      );
      set({
        hostId,
        selection,
        methodChoice: method,
        ...initialBlackboxEditorState(),
        suggestedFrom: undefined,
        plan: idlePlan,
        inputError: undefined,
        apply: { starting: false },
        uninstall: { starting: false },
        deployments: [],
        deploymentsError: undefined,
      });
      const hosts = useHostsStore.getState();
      if (hosts.status !== 'ready') await hosts.load();
      await get().ensureLoaded();
      if (get().hostId !== hostId) return;
      await Promise.all([get().makePlan(), get().loadDeployments()]);
    },

    chooseMethod: (method) => {
      planRequest++;
      set({ methodChoice: method, plan: idlePlan, inputError: undefined });
    },

    toggleExporter: (exporter) => {
      const { [exporter]: chosen, ...rest } = get().selection;
      // The module editor starts afresh each time blackbox_exporter is ticked.
      if (exporter === blackboxExporterId) set(initialBlackboxEditorState());
      changeSelection(chosen ? rest : { ...rest, [exporter]: { paramsText: '{}' } });
    },

    editParams: (exporter, text) => {
      const chosen = get().selection[exporter];
      if (!chosen) return;
      // The JSON is the truth: the module editor shows what it says whenever it can.
      if (exporter === blackboxExporterId) set({ blackbox: editorFromParamsText(text, get().blackbox) });
      changeSelection({ ...get().selection, [exporter]: { ...chosen, paramsText: text } });
    },

    makePlan: async () => {
      const built = inputNow();
      if (!built.ok) {
        set({ inputError: built.error, plan: idlePlan });
        return;
      }
      const request = ++planRequest;
      set({ inputError: undefined, plan: { status: 'planning' } });
      const result = await getClient().api.deploy.plan(built.input);
      if (request !== planRequest) return;
      if (result.ok) set({ plan: { status: 'ready', plan: result.data } });
      else {
        set({ plan: { status: 'error', error: result.error } });
        useHostsStore.getState().noteHostError(built.input.hostId, result.error);
      }
    },

    startApply: async () => {
      const built = inputNow();
      if (!built.ok || get().apply.starting) return;
      set({ apply: { starting: true } });
      const result = await getClient().api.deploy.apply(built.input);
      if (result.ok) set({ apply: { starting: false, jobId: result.data.jobId } });
      else set({ apply: { starting: false, error: result.error } });
    },

    loadDeployments: async () => {
      const hostId = get().hostId;
      if (!hostId) return;
      const result = await getClient().api.deploy.list({ hostId });
      if (get().hostId !== hostId) return;
      if (result.ok) set({ deployments: result.data.deployments, deploymentsError: undefined });
      else set({ deploymentsError: result.error });
    },

    askUninstall: (exporter) => set({ uninstall: { starting: false, confirming: { exporter } } }),

    cancelUninstall: () => {
      if (!get().uninstall.starting) set({ uninstall: { ...get().uninstall, confirming: undefined } });
    },

    confirmUninstall: async () => {
      const { hostId, uninstall } = get();
      if (!hostId || !uninstall.confirming || uninstall.starting) return;
      const exporter = uninstall.confirming.exporter;
      set({ uninstall: { starting: true, confirming: uninstall.confirming } });
      const result = await getClient().api.deploy.uninstall({
        hostId,
        exporters: exporter ? [exporter] : [],
      });
      if (result.ok) set({ uninstall: { starting: false, jobId: result.data.jobId } });
      else set({ uninstall: { starting: false, error: result.error } });
    },

    noteJobEnded: (jobId) => {
      const { apply, uninstall } = get();
      if ((jobId !== apply.jobId && jobId !== uninstall.jobId) || handledEnds.has(jobId)) return;
      handledEnds.add(jobId);
      // What a finished apply or uninstall left is what the next plan starts from.
      planRequest++;
      set({ plan: idlePlan });
      void get().loadDeployments();
    },
  };
});

/** A done event's result is untyped on the wire; only a well-formed one is shown. */
