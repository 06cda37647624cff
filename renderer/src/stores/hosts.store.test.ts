import type { Host } from '@shared/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const api = {
  hosts: { list: vi.fn(), scanKey: vi.fn(), add: vi.fn(), repin: vi.fn(), remove: vi.fn() },
  secrets: { put: vi.fn(), delete: vi.fn() },
};
vi.mock('../api', () => ({ getClient: () => ({ api }) }));

const { useHostsStore } = await import('./hosts.store');

const fingerprint = 'SHA256:zloFe8r+3x7CfgP/6VkSxw8Z9uACTZe36QnVfhlymsY';
const otherFingerprint = 'SHA256:AAAAe8r+3x7CfgP/6VkSxw8Z9uACTZe36QnVfhlymsY';
const key = { fingerprint, keyType: 'ssh-ed25519' };

const host: Host = {
  kind: 'ssh',
  id: 'nas',
  name: 'nas',
  address: '10.0.0.5',
  port: 22,
  username: 'labuser',
  auth: { kind: 'password', passwordSecretId: 's1' },
  hostKey: { ...key, pinnedAt: 1 },
  privilege: { kind: 'none' },
  createdAt: 1,
};

beforeEach(() => {
  useHostsStore.setState({
    hosts: [],
    status: 'ready',
    dialog: undefined,
    removing: undefined,
    repin: undefined,
    keyChanges: {},
  });
  api.hosts.scanKey.mockResolvedValue({ ok: true, data: key });
  api.secrets.put.mockResolvedValue({ ok: true, data: { id: 's1' } });
  api.secrets.delete.mockResolvedValue({ ok: true, data: { deleted: true } });
});

afterEach(() => vi.clearAllMocks());

async function checkedPasswordDraft(): Promise<void> {
  const store = useHostsStore.getState();
  store.openAdd({ address: '10.0.0.5' });
  store.editDraft({ username: 'labuser', auth: 'password', password: 'secret-pw' });
  await useHostsStore.getState().checkKey();
}

describe('hosts store', () => {
  it('adds with the checked fingerprint and a secret id, and keeps no password', async () => {
    api.hosts.add.mockResolvedValue({ ok: true, data: host });
    await checkedPasswordDraft();
    expect(useHostsStore.getState().dialog).toMatchObject({ step: 'scanned', scannedKey: key });
    const adding = useHostsStore.getState().trustAndAdd();
    expect(useHostsStore.getState().dialog?.draft.password).toBe('');
    await adding;
    expect(api.secrets.put).toHaveBeenCalledWith({ value: 'secret-pw', label: expect.any(String) });
    expect(api.hosts.add).toHaveBeenCalledWith(
      expect.objectContaining({ fingerprint, auth: { kind: 'password', passwordSecretId: 's1' } }),
    );
    expect(useHostsStore.getState()).toMatchObject({ hosts: [host], dialog: undefined });
  });

  it('on a refused login deletes the stored password, adds nothing and keeps the dialog', async () => {
    api.hosts.add.mockResolvedValue({ ok: false, error: { code: 'SSH_AUTH_FAILED', message: 'refused' } });
    await checkedPasswordDraft();
    await useHostsStore.getState().trustAndAdd();
    expect(api.secrets.delete).toHaveBeenCalledWith({ id: 's1' });
    const state = useHostsStore.getState();
    expect(state.hosts).toEqual([]);
    expect(state.dialog).toMatchObject({ step: 'scanned', error: { code: 'SSH_AUTH_FAILED' } });
    expect(state.dialog?.draft.password).toBe('');
  });

  it('asks for a new check when the key changed between check and add', async () => {
    api.hosts.add.mockResolvedValue({
      ok: false,
      error: { code: 'HOST_KEY_MISMATCH', message: 'changed', details: { fingerprint: otherFingerprint } },
    });
    await checkedPasswordDraft();
    await useHostsStore.getState().trustAndAdd();
    expect(useHostsStore.getState().dialog).toMatchObject({ step: 'edit', scannedKey: undefined });
  });

  it('forgets a checked key when the address changes, and drops the late answer', async () => {
    let answer: (value: unknown) => void = () => undefined;
    api.hosts.scanKey.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    useHostsStore.getState().openAdd({ address: '10.0.0.5' });
    const checking = useHostsStore.getState().checkKey();
    useHostsStore.getState().editDraft({ address: '10.0.0.6' });
    answer({ ok: true, data: key });
    await checking;
    expect(useHostsStore.getState().dialog).toMatchObject({ step: 'edit', scannedKey: undefined });
  });

  it('marks a key change from any operation and re-pins after the check', async () => {
    useHostsStore.setState({ hosts: [host] });
    useHostsStore.getState().noteHostError('nas', {
      code: 'HOST_KEY_MISMATCH',
      message: 'changed',
      details: { fingerprint: otherFingerprint, keyType: 'ssh-ed25519' },
    });
    expect(useHostsStore.getState().keyChanges.nas?.fingerprint).toBe(otherFingerprint);
    api.hosts.scanKey.mockResolvedValue({
      ok: true,
      data: { fingerprint: otherFingerprint, keyType: 'ssh-ed25519' },
    });
    const repinned = {
      ...host,
      hostKey: { fingerprint: otherFingerprint, keyType: 'ssh-ed25519', pinnedAt: 2 },
    };
    api.hosts.repin.mockResolvedValue({ ok: true, data: repinned });
    await useHostsStore.getState().startRepin('nas');
    await useHostsStore.getState().confirmRepin();
    expect(api.hosts.repin).toHaveBeenCalledWith({ id: 'nas', fingerprint: otherFingerprint });
    expect(useHostsStore.getState()).toMatchObject({
      hosts: [repinned],
      keyChanges: {},
      repin: { status: 'done' },
    });
  });
});
