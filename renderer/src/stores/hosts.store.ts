// Hosts: the saved hosts, the add dialog (check the key, then trust and add), the add
// Docker endpoint dialog, removal with confirmation, and re-pinning a host whose key
// changed. Other stores report an operation's HOST_KEY_MISMATCH here through
// noteHostError, so the list can offer a re-pin.
import { create } from 'zustand';
import type { ApiError, Host, HostKey } from '@shared/contract';
import { getClient } from '../api';
import {
  buildAddDockerInput,
  dockerDraftProblems,
  emptyDockerEndpointDraft,
  type DockerDraftProblems,
  type DockerEndpointDraft,
} from './docker-endpoint-draft';
import {
  addProblems,
  buildAddInput,
  emptyHostDraft,
  hasProblems,
  presentedKeyOf,
  scanProblems,
  secretsToStore,
  withoutSecrets,
  type DraftProblems,
  type HostDraft,
  type SecretIds,
} from './host-draft';

export type AddStep = 'edit' | 'scanning' | 'scanned' | 'adding';

export interface AddDialog {
  draft: HostDraft;
  step: AddStep;
  /** The key hosts.scanKey showed for the draft's address and port; "Trust and add" pins it. */
  scannedKey?: HostKey;
  /** Shown once the person tried to go on with something missing. */
  problems: DraftProblems;
  error?: ApiError;
}

/** The add Docker endpoint dialog: one step, hosts.addDocker proves the daemon answers. */
export interface DockerDialog {
  draft: DockerEndpointDraft;
  step: 'edit' | 'adding';
  problems: DockerDraftProblems;
  error?: ApiError;
}

export interface RemoveState {
  id: string;
  pending: boolean;
  error?: ApiError;
}

export interface RepinState {
  id: string;
  status: 'scanning' | 'scanned' | 'saving' | 'done';
  presented?: HostKey;
  error?: ApiError;
}

export interface HostsState {
  hosts: readonly Host[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadError?: ApiError;
  dialog?: AddDialog;
  dockerDialog?: DockerDialog;
  removing?: RemoveState;
  repin?: RepinState;
  /** Keys hosts presented that differ from the pinned one, by host id, learnt from errors. */
  keyChanges: Readonly<Record<string, HostKey>>;
  load(): Promise<void>;
  ensureLoaded(): void;
  openAdd(prefill?: { address?: string; discoveredAddress?: string }): void;
  editDraft(change: Partial<HostDraft>): void;
  closeAdd(): void;
  checkKey(): Promise<void>;
  trustAndAdd(): Promise<void>;
  openAddDocker(): void;
  editDockerDraft(change: Partial<DockerEndpointDraft>): void;
  closeAddDocker(): void;
  addDocker(): Promise<void>;
  askRemove(id: string): void;
  cancelRemove(): void;
  confirmRemove(): Promise<void>;
  startRepin(id: string): Promise<void>;
  confirmRepin(): Promise<void>;
  closeRepin(): void;
  /** For any operation on a host: a HOST_KEY_MISMATCH marks the host's key as changed. */
  noteHostError(id: string, error: ApiError): void;
}

function sortHosts(hosts: readonly Host[]): Host[] {
  return [...hosts].sort((a, b) => a.name.localeCompare(b.name));
}

function withoutKey<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}

export const useHostsStore = create<HostsState>()((set, get) => {
  /** Numbers the dialog's key checks and adds; an answer for an older one is dropped. */
  let dialogRequest = 0;
  /** The same for the Docker dialog: an add answered after it was closed changes only the list. */
  let dockerRequest = 0;

  function applyAnswer(request: number, change: Partial<AddDialog>): void {
    if (request !== dialogRequest) return;
    set((state) => (state.dialog ? { dialog: { ...state.dialog, ...change } } : {}));
  }

  /** Secrets handed over for an add that failed are deleted: nothing of it stays. */
  async function forgetSecrets(ids: SecretIds): Promise<void> {
    const api = getClient().api;
    await Promise.all(Object.values(ids).map((id) => api.secrets.delete({ id })));
  }

  return {
    hosts: [],
    status: 'idle',
    keyChanges: {},

    load: async () => {
      set({ status: 'loading', loadError: undefined });
      const result = await getClient().api.hosts.list();
      if (result.ok) set({ hosts: sortHosts(result.data.hosts), status: 'ready' });
      else set({ status: 'error', loadError: result.error });
    },

    ensureLoaded: () => {
      const status = get().status;
      if (status === 'idle' || status === 'error') void get().load();
    },

    openAdd: (prefill) => {
      dialogRequest++;
      set({ dialog: { draft: emptyHostDraft(prefill), step: 'edit', problems: {} } });
    },

    editDraft: (change) => {
      const dialog = get().dialog;
      if (!dialog || dialog.step === 'adding') return;
      const draft = { ...dialog.draft, ...change };
      // A key checked (or being checked) for another address or port says nothing about this one.
      const moved = draft.address.trim() !== dialog.draft.address.trim() || draft.port !== dialog.draft.port;
      if (moved) dialogRequest++;
      set({ dialog: { ...dialog, draft, ...(moved ? { scannedKey: undefined, step: 'edit' } : {}) } });
    },

    closeAdd: () => {
      if (get().dialog?.step === 'adding') return;
      dialogRequest++;
      set({ dialog: undefined });
    },

    checkKey: async () => {
      const dialog = get().dialog;
      if (!dialog || dialog.step === 'scanning' || dialog.step === 'adding') return;
      const problems = scanProblems(dialog.draft);
      if (hasProblems(problems)) {
        set({ dialog: { ...dialog, problems } });
        return;
      }
      const scanning: AddDialog = {
        ...dialog,
        step: 'scanning',
        scannedKey: undefined,
        problems: {},
        error: undefined,
      };
      set({ dialog: scanning });
      const request = ++dialogRequest;
      const { address, port } = buildAddInput(dialog.draft, {}, '');
      const result = await getClient().api.hosts.scanKey({ address, port });
      if (result.ok) applyAnswer(request, { step: 'scanned', scannedKey: result.data });
      else applyAnswer(request, { step: 'edit', error: result.error });
    },

    trustAndAdd: async () => {
      const dialog = get().dialog;
      if (dialog?.step !== 'scanned' || !dialog.scannedKey) return;
      const problems = addProblems(dialog.draft);
      if (hasProblems(problems)) {
        set({ dialog: { ...dialog, problems } });
        return;
      }
      const { draft, scannedKey } = dialog;
      // The secrets leave the store now, whatever happens next.
      const adding: AddDialog = {
        ...dialog,
        draft: withoutSecrets(draft),
        step: 'adding',
        problems: {},
        error: undefined,
      };
      set({ dialog: adding });
      const request = ++dialogRequest;
      const api = getClient().api;
      const ids: SecretIds = {};
      for (const secret of secretsToStore(draft)) {
        const stored = await api.secrets.put({ value: secret.value, label: secret.label });
        if (!stored.ok) {
          await forgetSecrets(ids);
          applyAnswer(request, { step: 'scanned', error: stored.error });
          return;
        }
        ids[secret.slot] = stored.data.id;
      }
      const result = await api.hosts.add(buildAddInput(draft, ids, scannedKey.fingerprint));
      if (!result.ok) {
        await forgetSecrets(ids);
        // A key that changed since the check must be checked (and compared) again.
        const changed = result.error.code === 'HOST_KEY_MISMATCH';
        applyAnswer(request, {
          step: changed ? 'edit' : 'scanned',
          ...(changed ? { scannedKey: undefined } : {}),
          error: result.error,
        });
        return;
      }
      const host = result.data;
      set((state) => ({
        hosts: sortHosts([...state.hosts.filter((existing) => existing.id !== host.id), host]),
        dialog: request === dialogRequest ? undefined : state.dialog,
      }));
    },

    openAddDocker: () => {
      dockerRequest++;
      set({ dockerDialog: { draft: emptyDockerEndpointDraft(), step: 'edit', problems: {} } });
    },

    editDockerDraft: (change) => {
      const dockerDialog = get().dockerDialog;
      if (!dockerDialog || dockerDialog.step === 'adding') return;
      set({ dockerDialog: { ...dockerDialog, draft: { ...dockerDialog.draft, ...change } } });
    },

    closeAddDocker: () => {
      if (get().dockerDialog?.step === 'adding') return;
      dockerRequest++;
      set({ dockerDialog: undefined });
    },

    addDocker: async () => {
      const dockerDialog = get().dockerDialog;
      if (!dockerDialog || dockerDialog.step === 'adding') return;
      const problems = dockerDraftProblems(dockerDialog.draft);
      if (Object.keys(problems).length > 0) {
        set({ dockerDialog: { ...dockerDialog, problems } });
        return;
      }
      set({ dockerDialog: { ...dockerDialog, step: 'adding', problems: {}, error: undefined } });
      const request = ++dockerRequest;
      const result = await getClient().api.hosts.addDocker(buildAddDockerInput(dockerDialog.draft));
      if (!result.ok) {
        // The draft stays as typed: the person fixes the one field the error points at.
        if (request === dockerRequest)
          set((state) =>
            state.dockerDialog
              ? { dockerDialog: { ...state.dockerDialog, step: 'edit', error: result.error } }
              : {},
          );
        return;
      }
      const host = result.data;
      set((state) => ({
        hosts: sortHosts([...state.hosts.filter((existing) => existing.id !== host.id), host]),
        dockerDialog: request === dockerRequest ? undefined : state.dockerDialog,
      }));
    },

    askRemove: (id) => set({ removing: { id, pending: false } }),

    cancelRemove: () => {
      if (!get().removing?.pending) set({ removing: undefined });
    },

    confirmRemove: async () => {
      const removing = get().removing;
      if (!removing || removing.pending) return;
      set({ removing: { id: removing.id, pending: true } });
      const result = await getClient().api.hosts.remove({ id: removing.id });
      if (!result.ok) {
        set({ removing: { id: removing.id, pending: false, error: result.error } });
        return;
      }
      set((state) => ({
        hosts: state.hosts.filter((host) => host.id !== removing.id),
        removing: undefined,
        keyChanges: withoutKey(state.keyChanges, removing.id),
        repin: state.repin?.id === removing.id ? undefined : state.repin,
      }));
    },

    startRepin: async (id) => {
      const host = get().hosts.find((candidate) => candidate.id === id);
      // Only SSH hosts have a key to pin; a Docker endpoint is pinned by its CA.
      if (host?.kind !== 'ssh') return;
      const scanning: RepinState = { id, status: 'scanning' };
      set({ repin: scanning });
      const result = await getClient().api.hosts.scanKey({ address: host.address, port: host.port });
      if (get().repin !== scanning) return;
      if (result.ok) set({ repin: { id, status: 'scanned', presented: result.data } });
      else set({ repin: { id, status: 'scanned', error: result.error } });
    },

    confirmRepin: async () => {
      const repin = get().repin;
      if (repin?.status !== 'scanned' || !repin.presented) return;
      const saving: RepinState = { ...repin, status: 'saving', error: undefined };
      set({ repin: saving });
      const result = await getClient().api.hosts.repin({
        id: repin.id,
        fingerprint: repin.presented.fingerprint,
      });
      if (get().repin !== saving) return;
      if (!result.ok) {
        // The key changed again since it was shown: show the newest one to compare.
        const presented = presentedKeyOf(result.error) ?? repin.presented;
        set({ repin: { ...repin, status: 'scanned', presented, error: result.error } });
        return;
      }
      const host = result.data;
      set((state) => ({
        hosts: sortHosts(state.hosts.map((existing) => (existing.id === host.id ? host : existing))),
        repin: { id: host.id, status: 'done', presented: repin.presented },
        keyChanges: withoutKey(state.keyChanges, host.id),
      }));
    },

    closeRepin: () => {
      if (get().repin?.status !== 'saving') set({ repin: undefined });
    },

    noteHostError: (id, error) => {
      const presented = presentedKeyOf(error);
      if (presented) set((state) => ({ keyChanges: { ...state.keyChanges, [id]: presented } }));
    },
  };
});
