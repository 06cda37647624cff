import type { CatalogEntry, DeployPlan, Host } from '@shared/contract';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { makeHost } from './discovery.fixtures';

const api = {
  hosts: { list: vi.fn() },
  exporters: { list: vi.fn() },
  discovery: { inventory: vi.fn() },
  deploy: { list: vi.fn(), plan: vi.fn(), apply: vi.fn(), uninstall: vi.fn() },
  secrets: { put: vi.fn() },
};
vi.mock('../api', () => ({ getClient: () => ({ api }) }));

const { useDeployStore } = await import('./deploy.store');
const { useHostsStore } = await import('./hosts.store');
const { useJobsStore } = await import('./jobs.store');
const { initialBlackboxEditorState } = await import('./blackbox-editor');

const host = {
  id: 'nas',
  name: 'nas',
  address: 'nas.lan',
  username: 'admin',
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
  useJobsStore.setState({ byId: {}, cancels: {} });
  useDeployStore.setState({
    ...initialBlackboxEditorState(),
    methodChoice: undefined,
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
  it('plans exactly the exporters another page asks for, with their params and method', async () => {
    const params = { port: 9090, scrapeInterval: '15s' };
    await useDeployStore.getState().planFor('nas', [{ exporter: 'prometheus', params }], 'docker');
    expect(api.deploy.plan).toHaveBeenCalledWith({
      hostId: 'nas',
      exporters: [{ exporter: 'prometheus', params }],
      method: 'docker',
    });
    const state = useDeployStore.getState();
    expect(state.plan.status).toBe('ready');
    expect(Object.keys(state.selection)).toEqual(['prometheus']);
    await state.startApply();
    expect(api.deploy.apply).toHaveBeenCalledWith({
      hostId: 'nas',
      exporters: [{ exporter: 'prometheus', params }],
      method: 'docker',
    });
  });

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

  it('plans with the host’s last preflight method until another is chosen', async () => {
    await useDeployStore.getState().chooseHost('nas');
    useJobsStore.setState({
      byId: {
        p1: {
          jobId: 'p1',
          operation: 'hosts.preflight',
          state: 'done',
          startedAt: 1,
          log: [],
          logDropped: 0,
          lastSeq: 2,
          result: preflightReport('systemd'),
        },
      },
    });
    await useDeployStore.getState().makePlan();
    expect(api.deploy.plan).toHaveBeenLastCalledWith(expect.objectContaining({ method: 'systemd' }));
    useDeployStore.getState().chooseMethod('docker');
    expect(useDeployStore.getState().plan.status).toBe('idle');
    await useDeployStore.getState().startApply();
    expect(api.deploy.apply).toHaveBeenLastCalledWith(expect.objectContaining({ method: 'docker' }));
  });

  it('writes blackbox modules into the parameters, and does not plan invalid ones', async () => {
    useDeployStore.setState({
      catalog: [...catalog, { id: 'blackbox_exporter', name: 'Blackbox', defaultPort: 9115 } as CatalogEntry],
    });
    await useDeployStore.getState().chooseHost('nas');
    useDeployStore.getState().toggleExporter('blackbox_exporter');
    useDeployStore.getState().addModule('icmp');
    const key = useDeployStore.getState().blackbox.modules[0]?.key ?? -1;
    useDeployStore.getState().editModule(key, { targets: '10.0.0.1' });
    const text = useDeployStore.getState().selection.blackbox_exporter?.paramsText ?? '';
    expect(JSON.parse(text)).toEqual({ modules: [{ preset: 'icmp', targets: ['10.0.0.1'] }] });

    useDeployStore.getState().editModule(key, { targets: '$(id)' });
    await useDeployStore.getState().makePlan();
    expect(useDeployStore.getState().inputError).toMatch(/^blackbox_exporter: fix the marked module fields/);
    expect(api.deploy.plan).not.toHaveBeenCalled();

    // Typing the JSON shows in the editor.
    useDeployStore
      .getState()
      .editParams(
        'blackbox_exporter',
        '{"modules":[{"preset":"dns","targets":["1.1.1.1"],"queryName":"nas.lan"}]}',
      );
    expect(useDeployStore.getState().blackbox.modules.map((module) => module.preset)).toEqual(['dns']);
  });
});

function preflightReport(method: 'docker' | 'systemd'): unknown {
  return {
    host: host.address,
    username: 'admin',
    checkedAt: 5,
    checks: [],
    facts: {
      os: { idLike: [], name: 'Linux' },
      nas: { kind: 'none', evidence: [] },
      arch: { machine: 'x86_64', arch: 'amd64' },
      init: { kind: 'systemd', systemctl: true, systemdUsable: true },
      docker: { status: 'reachable' },
      cgroup: { version: 'v2', source: '/proc/self/mounts' },
      rootPropagation: { propagation: 'shared', optionalFields: [], source: '/proc/1/mountinfo' },
      disk: [],
      portsInUse: [],
      firewall: [],
      privilege: { configured: 'none', sudo: 'notNeeded', usable: 'none', suggested: 'none' },
    },
    installMethod: { method, reason: 'found' },
  };
}
