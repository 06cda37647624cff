import type { CatalogEntry, DeployPlan, Host } from '@shared/contract';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { makeHost } from './discovery.fixtures';

const api = {
  hosts: { list: vi.fn() },
  exporters: { list: vi.fn() },
  discovery: { inventory: vi.fn() },
  deploy: { list: vi.fn(), plan: vi.fn(), apply: vi.fn(), uninstall: vi.fn() },
};
vi.mock('../api', () => ({ getClient: () => ({ api }) }));

const { useDeployStore } = await import('./deploy.store');
const { useHostsStore } = await import('./hosts.store');

const host = {
  id: 'nas',
  name: 'nas',
  address: 'nas.lan',
  discoveredAddress: '10.0.0.5',
} as Host;
const catalog = [{ id: 'node_exporter', name: 'Node', defaultPort: 9100 }] as CatalogEntry[];
const discovered = makeHost('10.0.0.5', {
  suggestions: [
    { exporter: 'node_exporter', reason: 'Linux with SSH', present: false },
    { exporter: 'cadvisor', reason: 'Docker', present: false },
  ],
});
const plan: DeployPlan = { hostId: 'nas', method: 'docker', actions: [], notes: [] };

beforeEach(() => {
  vi.clearAllMocks();
  useHostsStore.setState({ hosts: [host], status: 'ready' });
  useDeployStore.setState({
    status: 'idle',
    hostId: undefined,
    selection: {},
    plan: { status: 'idle' },
    apply: { starting: false },
    uninstall: { starting: false },
    deployments: [],
  });
  api.exporters.list.mockResolvedValue({ ok: true, data: { exporters: catalog } });
  api.discovery.inventory.mockResolvedValue({ ok: true, data: { targets: [], hosts: [discovered] } });
  api.deploy.list.mockResolvedValue({ ok: true, data: { deployments: [] } });
  api.deploy.plan.mockResolvedValue({ ok: true, data: plan });
  api.deploy.apply.mockResolvedValue({ ok: true, data: { jobId: 'j1' } });
});

describe('deploy store', () => {
  it('preselects the discovered host’s suggestions that the catalog has', async () => {
    await useDeployStore.getState().chooseHost('nas');
    const state = useDeployStore.getState();
    expect(state.suggestedFrom).toBe('10.0.0.5');
    expect(state.selection).toEqual({ node_exporter: { paramsText: '{}', reason: 'Linux with SSH' } });
    expect(api.deploy.list).toHaveBeenCalledWith({ hostId: 'nas' });
  });

  it('drops a shown plan when the choice changes, and does not plan bad JSON', async () => {
    await useDeployStore.getState().chooseHost('nas');
    await useDeployStore.getState().makePlan();
    expect(useDeployStore.getState().plan).toEqual({ status: 'ready', plan });
    useDeployStore.getState().editParams('node_exporter', '{"port":');
    expect(useDeployStore.getState().plan.status).toBe('idle');
    await useDeployStore.getState().makePlan();
    expect(useDeployStore.getState().inputError).toMatch(/^node_exporter: Not valid JSON/);
    expect(api.deploy.plan).toHaveBeenCalledTimes(1);
  });

  it('re-reads the deployments when its own apply ends, not for other jobs', async () => {
    await useDeployStore.getState().chooseHost('nas');
    await useDeployStore.getState().startApply();
    expect(useDeployStore.getState().apply.jobId).toBe('j1');
    api.deploy.list.mockClear();
    useDeployStore.getState().noteJobEnded('other');
    expect(api.deploy.list).not.toHaveBeenCalled();
    useDeployStore.getState().noteJobEnded('j1');
    expect(api.deploy.list).toHaveBeenCalledWith({ hostId: 'nas' });
    // A resync reports the same ended job again: handled once.
    useDeployStore.getState().noteJobEnded('j1');
    expect(api.deploy.list).toHaveBeenCalledTimes(1);
  });
});
