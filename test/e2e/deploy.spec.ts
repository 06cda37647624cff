// The deploy flow in Chromium against a real `promstead serve` and the lab NAS: preflight
// on the Hosts page (the Deploy page takes its install method), then node_exporter
// planned, applied from the lab registry, verified with a live value, and uninstalled; an
// apply cancelled while its actions run; and the way in from a discovered host. Runs
// inside the lab's workstation namespace; the NAS's pe2e- containers are removed even on failure.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { expect, test, type Page } from '@playwright/test';
import type { CatalogEntry, Host, Inventory } from '@shared/contract';
import { labDocker, labHosts, labRegistry, labSsh, labVersion } from '../lab/lab-facts';
import { runningInLabWorkstation } from '../integration/fixtures/in-lab';
import { makeDataDir, removeDataDir, startServer, type RunningServer } from './fixtures/promstead-server';
import { DeployPage, PreflightPanel } from './pages/deploy.page';
import { HostsPage } from './pages/hosts.page';
import { PromsteadApp } from './pages/promstead-app.page';

const inLab = runningInLabWorkstation();
test.skip(!inLab && !process.env.CI, 'The Deploy suite deploys to the lab NAS: run it inside lab-ws.');

const nas = labHosts.nas.address;
/** A port and name no other suite uses, so runs side by side do not collide. */
const nodeParams = { port: 38791, containerName: 'pe2e-node' };
/** The NAS shares this machine's file system; the folder is this suite's own. */
const blackboxFolder = '/tmp/promstead-e2e-deploy/blackbox';
const blackboxParams = { port: 38792, containerName: 'pe2e-blackbox', configDirectory: blackboxFolder };
const docker = new Docker({ socketPath: labDocker.socketPath });

let dataDir: string;
let server: RunningServer;

async function testContainers(): Promise<Docker.ContainerInfo[]> {
  const containers = await docker.listContainers({ all: true });
  return containers.filter((container) => container.Names.some((name) => name.startsWith('/pe2e-')));
}

async function removeTestContainers(): Promise<void> {
  const ours = await testContainers();
  await Promise.all(ours.map((container) => docker.getContainer(container.Id).remove({ force: true })));
  rmSync(blackboxFolder, { recursive: true, force: true });
}

/** This suite's containers on the NAS as id, name and state: other suites share the NAS. */
async function testContainerSnapshot(): Promise<string[]> {
  return (await testContainers())
    .map((container) => `${container.Id} ${container.Names.join(',')} ${container.State}`)
    .sort();
}

async function op<T>(page: Page, name: string, data: unknown): Promise<T> {
  const response = await page.request.post(`${server.origin}/api/op/${name}`, {
    headers: { authorization: `Bearer ${server.token}` },
    data,
  });
  const body = (await response.json()) as { ok: boolean; data: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error?.message ?? 'failed'}`);
  return body.data;
}

/** What a user sets once for an offline homelab: the lab registry and the versions it carries. */
async function useLabRegistry(page: Page): Promise<void> {
  await op(page, 'settings.update', {
    registryMirror: labRegistry.host,
    exporterVersions: {
      node_exporter: labVersion('prom/node-exporter'),
      blackbox_exporter: labVersion('prom/blackbox-exporter'),
      busybox: labVersion('library/busybox'),
    },
  });
}

async function addNas(hosts: HostsPage): Promise<void> {
  await hosts.openAdd();
  await hosts.fill({
    address: nas,
    username: labSsh.keyUser.name,
    name: 'DiskStation',
    auth: { kind: 'keyFile', keyPath: labSsh.keyUser.privateKeyPath },
  });
  await hosts.checkKey();
  await hosts.trustAndAdd();
  await expect(hosts.dialog).toHaveCount(0);
}

test.beforeAll(removeTestContainers);
test.afterAll(removeTestContainers);

test.beforeEach(async () => {
  dataDir = makeDataDir();
  server = await startServer(dataDir);
});

test.afterEach(async () => {
  await server.stop();
  removeDataDir(dataDir);
});

test('preflights the NAS, then plans, applies, verifies and uninstalls node_exporter', async ({ page }) => {
  test.setTimeout(300_000);
  const app = new PromsteadApp(page);
  await app.open(server.url);
  await useLabRegistry(page);
  await app.goTo('hosts');
  const hosts = new HostsPage(page);
  await addNas(hosts);

  const preflight = new PreflightPanel(page);
  await preflight.run(hosts.row(labSsh.keyUser.name, nas));
  await expect(preflight.panel.getByTestId('preflight-method')).toHaveAttribute('data-method', 'docker');
  await expect(preflight.panel.getByTestId('preflight-method')).toContainText('Install method: docker');
  await expect(preflight.panel.getByTestId('preflight-check-docker')).toHaveAttribute('data-status', 'ok');

  const [host] = (await op<{ hosts: Host[] }>(page, 'hosts.list', {})).hosts;
  if (!host) throw new Error('the NAS was not saved');
  await app.goTo('deploy');
  const deploy = new DeployPage(page);
  await deploy.chooseHost(host.id);
  await expect(deploy.deployments.getByTestId('deployments-empty')).toBeVisible();
  // The install method comes preselected from that preflight.
  await expect(deploy.method).toHaveAttribute('data-value', 'docker');
  await expect(deploy.method).toHaveAttribute('data-source', 'preflight');
  await deploy.choose('node_exporter', nodeParams);
  // From the Deploy page the preflight checks the chosen exporter's port too.
  await page.getByTestId('deploy-preflight-button').click();
  await expect(preflight.panel).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  const ports = preflight.panel.getByTestId('preflight-check-ports');
  await expect(ports).toHaveAttribute('data-status', 'ok');
  await expect(ports).toContainText('38791');
  await deploy.makePlan();
  await expect(deploy.plan).toHaveAttribute('data-method', 'docker');
  await expect(deploy.plan.getByTestId('deploy-plan-method')).toContainText('Docker');
  await expect(deploy.plan.locator('[data-kind="create-container"]')).toContainText('pe2e-node');

  await deploy.applyAndWait('done');
  const verification = deploy.apply.getByTestId('deploy-verification-node_exporter');
  await expect(verification).toHaveAttribute('data-ok', 'true');
  await expect(verification.getByTestId('deploy-samples')).toContainText('node_');
  await expect(deploy.apply.getByTestId('deploy-apply-summary')).toHaveAttribute('data-method', 'docker');
  await expect(deploy.deployments.getByTestId('deployment-node_exporter')).toContainText(':38791');
  // The main area scrolls inside the window, so a full-page shot is the viewport: with the
  // checklist (read above) closed, bring the apply's verification and live values into it.
  await preflight.panel.getByTestId('preflight-close').click();
  await expect(preflight.panel).toHaveCount(0);
  await page.setViewportSize({ width: 1400, height: 900 });
  await deploy.apply.evaluate((section) => section.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(import.meta.dirname, '..', '..', 'docs', 'deploy.png') });

  // Applied as planned: planning the same again finds nothing to do.
  await deploy.makePlan();
  await expect(deploy.plan.getByTestId('deploy-plan-empty')).toBeVisible();

  await deploy.uninstall('node_exporter');
  await expect(deploy.deployments.getByTestId('deployments-empty')).toBeVisible();
  const containers = await docker.listContainers({ all: true });
  expect(containers.flatMap((container) => container.Names)).not.toContain('/pe2e-node');
});

test('from a discovered NAS: deploy its suggested exporters, node_exporter applied and verified', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const app = new PromsteadApp(page);
  await app.open(server.url);
  await useLabRegistry(page);
  await app.goTo('discover');
  await page.getByTestId('discover-targets').fill(nas);
  await page.getByTestId('discover-start').click();
  const panel = await app.openJobsPanel();
  await expect(panel.locator('[data-state="done"]')).toHaveCount(1, { timeout: 60_000 });
  await page.getByTestId('jobs-toggle').click();

  // Not a host yet: the detail offers adding it first.
  await page.getByTestId(`host-row-${nas}`).click();
  const detail = page.getByTestId('host-detail');
  await expect(detail.getByTestId('host-deploy-suggested')).toHaveCount(0);
  await detail.getByTestId('host-add-to-hosts').click();
  const hosts = new HostsPage(page);
  await expect(page.getByTestId('host-address')).toHaveValue(nas);
  await page.getByTestId('host-username').fill(labSsh.keyUser.name);
  await page.getByTestId('host-key-path').fill(labSsh.keyUser.privateKeyPath);
  await hosts.checkKey();
  await hosts.trustAndAdd();
  await expect(hosts.dialog).toHaveCount(0);

  await app.goTo('discover');
  await page.getByTestId(`host-row-${nas}`).click();
  await detail.getByTestId('host-deploy-suggested').click();
  await expect(page.getByTestId('nav-deploy')).toHaveAttribute('aria-current', 'page');

  const [host] = (await op<{ hosts: Host[] }>(page, 'hosts.list', {})).hosts;
  if (!host) throw new Error('the NAS was not saved');
  await expect(page.getByTestId('deploy-host')).toHaveValue(host.id);
  // Preselected: exactly the scan's suggestions that are not running there and Promstead can deploy.
  const inventory = await op<Inventory>(page, 'discovery.inventory', {});
  const catalog = await op<{ exporters: CatalogEntry[] }>(page, 'exporters.list', {});
  const known = new Set(catalog.exporters.map((entry) => entry.id));
  const suggested = (inventory.hosts.find((entry) => entry.address === nas)?.suggestions ?? [])
    .filter((suggestion) => !suggestion.present && known.has(suggestion.exporter))
    .map((suggestion) => suggestion.exporter)
    .sort();
  // A Linux NAS with SSH: node_exporter is among them (and no other suite runs one there).
  expect(suggested).toContain('node_exporter');
  const deploy = new DeployPage(page);
  await expect(page.locator('[data-testid^="deploy-exporter-"][data-chosen="true"]')).toHaveCount(
    suggested.length,
  );
  for (const id of suggested) {
    await expect(deploy.exporter(id)).toHaveAttribute('data-chosen', 'true');
    await expect(deploy.exporter(id).getByTestId('deploy-exporter-reason')).not.toBeEmpty();
  }

  // The others need credentials this test does not have: deploy node_exporter alone.
  for (const id of suggested)
    if (id !== 'node_exporter') await deploy.exporter(id).getByTestId('deploy-exporter-check').uncheck();
  await deploy.choose('node_exporter', nodeParams);
  await deploy.makePlan();
  await expect(deploy.plan.locator('[data-kind="create-container"]')).toContainText('pe2e-node');
  await deploy.applyAndWait('done');
  await expect(deploy.apply.getByTestId('deploy-verification-node_exporter')).toHaveAttribute(
    'data-ok',
    'true',
  );
  await deploy.uninstall('node_exporter');
  await expect(deploy.deployments.getByTestId('deployments-empty')).toBeVisible();
});

test('a failed apply shows the error with what was undone, and leaves nothing deployed', async ({ page }) => {
  test.setTimeout(300_000);
  const app = new PromsteadApp(page);
  await app.open(server.url);
  // A version the lab registry does not carry: the pull fails after the plan was shown.
  await op(page, 'settings.update', {
    registryMirror: labRegistry.host,
    exporterVersions: { node_exporter: '9.9.9', busybox: labVersion('library/busybox') },
  });
  await app.goTo('hosts');
  await addNas(new HostsPage(page));
  const [host] = (await op<{ hosts: Host[] }>(page, 'hosts.list', {})).hosts;
  if (!host) throw new Error('the NAS was not saved');

  await app.goTo('deploy');
  const deploy = new DeployPage(page);
  await deploy.chooseHost(host.id);
  await deploy.choose('node_exporter', nodeParams);
  await deploy.makePlan();
  await deploy.applyAndWait('failed');
  const error = deploy.apply.getByTestId('deploy-apply-error');
  await expect(error).toContainText('9.9.9');
  await expect(error).toHaveAttribute('data-code', 'NOT_FOUND');
  // The image it had started to fetch is removed again, and the message says so.
  await expect(error).toContainText('Rolled back: ');
  await expect(deploy.deployments.getByTestId('deployments-empty')).toBeVisible();
  const containers = await docker.listContainers({ all: true });
  expect(containers.flatMap((container) => container.Names)).not.toContain('/pe2e-node');
});

test('an apply cancelled while its actions run is rolled back, and the page plans again', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const app = new PromsteadApp(page);
  await app.open(server.url);
  await useLabRegistry(page);
  await app.goTo('hosts');
  await addNas(new HostsPage(page));
  const [host] = (await op<{ hosts: Host[] }>(page, 'hosts.list', {})).hosts;
  if (!host) throw new Error('the NAS was not saved');

  await app.goTo('deploy');
  const deploy = new DeployPage(page);
  await deploy.chooseHost(host.id);
  // No preflight of the NAS in this window: Auto, until one runs or a method is picked.
  await expect(deploy.method).toHaveAttribute('data-value', 'auto');
  await deploy.chooseMethod('docker');
  // Two exporters (blackbox's with a config file): when the cancel lands, actions remain.
  await deploy.choose('node_exporter', nodeParams);
  await deploy.chooseBlackbox('tcp_connect', [`${nas}:22`]);
  await deploy.mergeParams('blackbox_exporter', blackboxParams);
  await deploy.makePlan();
  await expect(deploy.plan).toHaveAttribute('data-method', 'docker');
  await expect(deploy.plan.locator('[data-kind="create-container"]')).toHaveCount(2);
  // Pulls depend on which images other suites left on the NAS; the rest is this plan's own.
  const ownActions = (actions: string[]): string[] =>
    actions.filter((action) => !action.startsWith('pull-image'));
  const planned = ownActions(await deploy.planActions());
  const before = await testContainerSnapshot();

  await deploy.applyAndCancelWhileActionsRun();
  await expect(deploy.apply.getByTestId('deploy-apply-rollback')).toContainText('Rolled back: ');
  expect(await testContainerSnapshot()).toEqual(before);
  await expect(deploy.deployments.getByTestId('deployments-empty')).toBeVisible();

  // Back to planning: the same plan as before the apply, since the host is as it was.
  await expect(page.getByTestId('deploy-plan-button')).toBeEnabled();
  await deploy.apply.getByTestId('deploy-plan-again').click();
  await expect(deploy.plan).toBeVisible({ timeout: 60_000 });
  expect(ownActions(await deploy.planActions())).toEqual(planned);
  await expect(page.getByTestId('deploy-apply-button')).toBeEnabled();
});
