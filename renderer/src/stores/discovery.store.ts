// Discovery: the inventory of hosts, the scan this window follows (fed by the job-events
// bridge), the scan form, the table's filter and sort, and the selected host's notes.
import { create } from 'zustand';
import type { ApiError, JobEvent, JobSummary, SubnetSuggestion } from '@shared/contract';
import { getClient } from '../api';
import {
  applyDiscoveryEvent,
  applyDiscoverySnapshot,
  applyInventory,
  beginStart,
  initialDiscoveryData,
  scanStarted,
  startFailed,
  type DiscoveryData,
  type ScanView,
} from './discovery.reducer';
import { nextSort, type HostSort, type HostSortKey, type KindFilter } from './discovery.selectors';
import {
  buildScanInput,
  emptyScanDraft,
  secretsToStore,
  toggleTarget,
  type ScanDraft,
  type StoredV3Keys,
} from './scan-draft';

export type AnnotationStatus = 'idle' | 'editing' | 'saving' | 'saved' | 'error';

export interface AnnotationDraft {
  address: string;
  name: string;
  notes: string;
  status: AnnotationStatus;
  error?: string;
}

export interface DiscoveryState extends DiscoveryData {
  inventoryStatus: 'idle' | 'loading' | 'ready' | 'error';
  inventoryError?: string;
  /** When the saved inventory was last scanned, and what was scanned. */
  scannedAt?: number;
  scannedTargets: readonly string[];
  suggestions: readonly SubnetSuggestion[];
  suggestionsError?: string;
  draft: ScanDraft;
  storedKeys: StoredV3Keys;
  optionsOpen: boolean;
  filter: string;
  kindFilter: KindFilter;
  sort: HostSort;
  selected?: string;
  annotation?: AnnotationDraft;
  load(): Promise<void>;
  loadInventory(): Promise<void>;
  loadSuggestions(): Promise<void>;
  editDraft(change: Partial<ScanDraft>): void;
  toggleSuggestion(cidr: string): void;
  setOptionsOpen(open: boolean): void;
  startScan(): Promise<void>;
  applyJobEvent(event: JobEvent): void;
  applyJobSnapshot(jobs: readonly JobSummary[], requestedAt: number): void;
  setFilter(filter: string): void;
  setKindFilter(kind: KindFilter): void;
  sortBy(key: HostSortKey): void;
  select(address: string | undefined): void;
  editAnnotation(change: Partial<Pick<AnnotationDraft, 'name' | 'notes'>>): void;
  saveAnnotation(): Promise<void>;
}

/** True when `after` is a scan that ended well and `before` did not show that yet. */
function justFinished(before: ScanView | undefined, after: ScanView | undefined): boolean {
  if (after?.state !== 'done') return false;
  return before?.jobId !== after.jobId || before.state !== 'done';
}

export const useDiscoveryStore = create<DiscoveryState>()((set, get) => {
  /** Numbers inventory requests so only the newest answer is applied. */
  let inventoryRequest = 0;

  /** Applies a reducer step; a scan that just ended well brings its saved inventory. */
  function commit(update: (data: DiscoveryData) => DiscoveryData, reloadOnDone = justFinished): void {
    const before = get().scan;
    set((state) => update(state));
    if (reloadOnDone(before, get().scan)) void get().loadInventory();
  }

  function failStart(error: ApiError): void {
    set((state) => startFailed(state, error));
  }

  return {
    ...initialDiscoveryData(),
    inventoryStatus: 'idle',
    scannedTargets: [],
    suggestions: [],
    draft: emptyScanDraft(),
    storedKeys: {},
    optionsOpen: false,
    filter: '',
    kindFilter: 'all',
    sort: { key: 'address', direction: 'asc' },

    load: async () => {
      await Promise.all([get().loadInventory(), get().loadSuggestions()]);
    },

    loadInventory: async () => {
      const request = ++inventoryRequest;
      set({ inventoryStatus: 'loading', inventoryError: undefined });
      const result = await getClient().api.discovery.inventory();
      // An older answer must not overwrite a newer one.
      if (request !== inventoryRequest) return;
      if (!result.ok) {
        set({ inventoryStatus: 'error', inventoryError: result.error.message });
        return;
      }
      const inventory = result.data;
      set((state) => ({
        ...applyInventory(state, inventory),
        inventoryStatus: 'ready',
        scannedAt: inventory.scannedAt,
        scannedTargets: inventory.targets,
      }));
    },

    loadSuggestions: async () => {
      const result = await getClient().api.discovery.suggestTargets();
      if (!result.ok) {
        set({ suggestionsError: result.error.message });
        return;
      }
      const subnets = result.data.subnets;
      set((state) => {
        const first = subnets[0];
        const prefill = first && !state.draft.targetsEdited && state.draft.targets.trim() === '';
        return {
          suggestions: subnets,
          suggestionsError: undefined,
          draft: prefill ? { ...state.draft, targets: first.cidr } : state.draft,
        };
      });
    },

    editDraft: (change) =>
      set((state) => {
        const userChanged = change.v3User !== undefined && change.v3User.trim() !== state.draft.v3User.trim();
        return {
          draft: {
            ...state.draft,
            ...change,
            targetsEdited: state.draft.targetsEdited || change.targets !== undefined,
          },
          // A stored key belongs to the user it was typed for.
          storedKeys: userChanged ? {} : state.storedKeys,
        };
      }),

    toggleSuggestion: (cidr) =>
      set((state) => ({
        draft: { ...state.draft, targets: toggleTarget(state.draft.targets, cidr), targetsEdited: true },
      })),

    setOptionsOpen: (open) => set({ optionsOpen: open }),

    startScan: async () => {
      const { starting, scan, draft, storedKeys } = get();
      if (starting || scan?.state === 'running') return;
      set((state) => ({
        ...beginStart(state),
        // The keys leave the store now, whatever happens next.
        draft: { ...state.draft, v3AuthKey: '', v3PrivKey: '' },
      }));
      const api = getClient().api;
      const keys: StoredV3Keys = { ...storedKeys };
      for (const secret of secretsToStore(draft)) {
        const stored = await api.secrets.put({ value: secret.value, label: secret.label });
        if (!stored.ok) {
          failStart({ ...stored.error, message: `Could not store the SNMPv3 key: ${stored.error.message}` });
          return;
        }
        keys[secret.slot] = stored.data.id;
      }
      set({ storedKeys: keys });
      const result = await api.discovery.scan(buildScanInput(draft, keys));
      if (result.ok) commit((data) => scanStarted(data, result.data.jobId, Date.now()));
      else failStart(result.error);
    },

    applyJobEvent: (event) => commit((data) => applyDiscoveryEvent(data, event)),

    applyJobSnapshot: (jobs, requestedAt) =>
      commit(
        (data) => applyDiscoverySnapshot(data, jobs, requestedAt),
        // Only a scan seen running here and found finished brings a reload.
        (before, after) =>
          before?.state === 'running' && before.jobId === after?.jobId && after.state === 'done',
      ),

    setFilter: (filter) => set({ filter }),
    setKindFilter: (kind) => set({ kindFilter: kind }),
    sortBy: (key) => set((state) => ({ sort: nextSort(state.sort, key) })),

    select: (address) =>
      set((state): Partial<DiscoveryState> => {
        const host = address === undefined ? undefined : state.hosts[address];
        if (!host) return { selected: undefined, annotation: undefined };
        if (state.annotation?.address === host.address) return { selected: host.address };
        return {
          selected: host.address,
          annotation: {
            address: host.address,
            name: host.name ?? '',
            notes: host.notes ?? '',
            status: 'idle',
          },
        };
      }),

    editAnnotation: (change) =>
      set((state) =>
        state.annotation ? { annotation: { ...state.annotation, ...change, status: 'editing' } } : {},
      ),

    saveAnnotation: async () => {
      const annotation = get().annotation;
      if (!annotation || annotation.status === 'saving') return;
      const { address, name, notes } = annotation;
      set({ annotation: { ...annotation, status: 'saving', error: undefined } });
      const result = await getClient().api.discovery.annotate({ address, name, notes });
      set((state) => {
        const current = state.annotation?.address === address ? state.annotation : undefined;
        if (!result.ok) {
          return current ? { annotation: { ...current, status: 'error', error: result.error.message } } : {};
        }
        const host = result.data;
        return {
          // The server's answer is the whole host: it replaces ours, cleared name included.
          hosts: { ...state.hosts, [address]: host },
          annotation: current
            ? { address, name: host.name ?? '', notes: host.notes ?? '', status: 'saved' }
            : state.annotation,
        };
      });
    },
  };
});
