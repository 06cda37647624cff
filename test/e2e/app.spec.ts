// The app in Chromium against a real `promstead serve`, each test with its own data folder.
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { makeDataDir, removeDataDir, startServer, type RunningServer } from './fixtures/promstead-server';
import { PromsteadApp } from './pages/promstead-app.page';

let dataDir: string;
let server: RunningServer;

test.beforeEach(async () => {
  dataDir = makeDataDir();
  server = await startServer(dataDir);
});

test.afterEach(async () => {
  await server.stop();
  removeDataDir(dataDir);
});

test('opens with every section, says what unbuilt pages will hold, and shows app.info on About', async ({
  page,
}) => {
  const app = new PromsteadApp(page);
  await app.open(server.url);
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/(#.*)?$/);
  for (const route of ['discover', 'hosts', 'deploy', 'probes', 'metrics', 'settings', 'about'] as const) {
    await expect(page.getByTestId(`nav-${route}`)).toBeVisible();
  }
  await app.goTo('probes');
  await expect(page.getByTestId('page-planned')).toContainText('Blackbox probe results');
  await app.goTo('about');
  await expect(page.getByTestId('about-data-dir')).toHaveText(dataDir);
  await expect(page.getByTestId('about-transport')).toContainText(/browser mode/i);
  for (const capability of ['icmp', 'fping', 'ping', 'docker', 'sshAgent']) {
    await expect(page.getByTestId(`capability-${capability}`)).toHaveAttribute(
      'data-status',
      /^(ok|warn|missing)$/,
    );
  }
  await page.screenshot({ path: join(import.meta.dirname, '..', '..', 'docs', 'about.png') });
});

test('runs the self-test and shows its progress advance to the end', async ({ page }) => {
  const app = new PromsteadApp(page);
  await app.open(server.url);
  await app.startSelfTest({ repeat: 2, intervalMs: 300 });
  const job = page.getByTestId('self-test-job');
  await expect(job).toHaveAttribute('data-state', 'running');
  const progress = page.getByTestId('self-test-progress');
  await expect(progress).toHaveAttribute('max', '10');
  await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(0);
  await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(4);
  await expect(job).toHaveAttribute('data-state', 'done');
  await expect(progress).toHaveAttribute('value', '10');
  for (const check of ['icmp', 'fping', 'ping', 'docker', 'sshAgent']) {
    await expect(page.getByTestId(`self-test-check-${check}`)).toBeVisible();
  }
  const panel = await app.openJobsPanel();
  await expect(panel.locator('[data-state="done"]')).toHaveCount(1);
});

test('cancels a running job from the jobs panel', async ({ page }) => {
  const app = new PromsteadApp(page);
  await app.open(server.url);
  await app.startSelfTest({ repeat: 50, intervalMs: 1000 });
  await expect(page.getByTestId('jobs-running-count')).toHaveText('1 running');
  const panel = await app.openJobsPanel();
  const row = panel.locator('[data-state="running"]');
  await expect(row).toHaveCount(1);
  await row.getByTestId('job-cancel').click();
  await expect(panel.locator('[data-state="cancelled"]')).toHaveCount(1);
  await expect(page.getByTestId('jobs-running-count')).toHaveText('none running');
  const progress = panel.locator('[data-state="cancelled"]').getByTestId('job-progress');
  expect(Number(await progress.getAttribute('value'))).toBeLessThan(250);
});

test('keeps a changed setting across a server restart', async ({ page }) => {
  const app = new PromsteadApp(page);
  await app.open(server.url);
  await app.goTo('settings');
  await page.getByTestId('settings-scan-timeout').fill('2500');
  await page.getByTestId('settings-registry-mirror').fill('registry.lan:5000');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toHaveAttribute('data-status', 'saved');

  await server.stop();
  server = await startServer(dataDir);
  await app.open(server.url);
  await app.goTo('settings');
  await expect(page.getByTestId('settings-scan-timeout')).toHaveValue('2500');
  await expect(page.getByTestId('settings-registry-mirror')).toHaveValue('registry.lan:5000');
});

test('shows the server’s reason for an invalid setting and saves nothing', async ({ page }) => {
  const app = new PromsteadApp(page);
  await app.open(server.url);
  await app.goTo('settings');
  await page.getByTestId('settings-scan-timeout').fill('5');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-scan-timeout-error')).toBeVisible();
  await page.reload();
  await app.goTo('settings');
  await expect(page.getByTestId('settings-scan-timeout')).toHaveValue('1000');
});

test('refuses the app without this run’s token', async ({ page }) => {
  const response = await page.goto(server.origin);
  expect(response?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('promstead serve');
  const api = await page.request.post(`${server.origin}/api/op/app.info`, { data: {} });
  expect(api.status()).toBe(401);
});
