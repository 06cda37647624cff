// The Discover page scanning the lab: hosts appear while the scan runs, and the NAS's
// detail shows what it is and why. Runs inside the lab's workstation namespace.
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { labHosts, labSubnet, lanAddresses } from '../lab/lab-facts';
import { runningInLabWorkstation } from '../integration/fixtures/in-lab';
import { makeDataDir, removeDataDir, startServer, type RunningServer } from './fixtures/promstead-server';
import { PromsteadApp } from './pages/promstead-app.page';

const inLab = runningInLabWorkstation();
test.skip(
  !inLab && !process.env.CI,
  'The Discover suite scans the test lab: run it inside lab-ws (npm test as root does).',
);

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

test('a scan of the lab shows hosts as they are found, and the NAS with its evidence', async ({ page }) => {
  const app = new PromsteadApp(page);
  await app.open(server.url);
  await app.goTo('discover');
  const targets = page.getByTestId('discover-targets');
  await expect(targets).toHaveValue(labSubnet);
  await page.getByTestId('discover-start').click();

  const progress = page.getByTestId('discover-progress');
  await expect(progress).toBeVisible();
  // Hosts appear while the scan is still running, not only at the end.
  const nasRow = page.getByTestId(`host-row-${labHosts.nas.address}`);
  await expect(nasRow).toBeVisible();
  await expect(page.getByTestId('discover-cancel')).toBeVisible();

  const panel = await app.openJobsPanel();
  await expect(panel.locator('[data-state="done"]')).toHaveCount(1, { timeout: 60_000 });
  await expect(page.getByTestId('discover-count')).toContainText(String(lanAddresses.length));
  await expect(nasRow).toHaveAttribute('data-kind', 'nas');
  await expect(page.getByTestId(`host-row-${labHosts.switch.address}`)).toHaveAttribute(
    'data-kind',
    'switch',
  );

  await nasRow.click();
  const detail = page.getByTestId('host-detail');
  await expect(detail).toContainText('Synology');
  await expect(detail).toContainText('DS920+');
  await expect(page.getByTestId('host-evidence').locator('li').first()).toBeVisible();
  await expect(page.getByTestId('host-evidence')).toContainText('Synology');
  await expect(detail).toContainText('node_exporter');
  await page.getByTestId('jobs-toggle').click();
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.mouse.wheel(0, -5000);
  await page.screenshot({ path: join(import.meta.dirname, '..', '..', 'docs', 'screenshot.png') });
});
