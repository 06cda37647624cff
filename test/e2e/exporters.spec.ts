// The Exporters page: the catalog, every artefact of an exporter for an install style,
// the server's reason for bad parameters, and saving a file — for manual installs.
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
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

test('shows a systemd install of node_exporter, refuses a bad port with the reason, and saves the unit', async ({
  page,
}) => {
  const app = new PromsteadApp(page);
  await app.open(server.url);
  await page.getByTestId('nav-exporters').click();
  await page.getByTestId('exporter-node_exporter').click();
  await page.getByTestId('exporter-style-systemd').click();
  const unit = page.getByTestId('artefact-systemd-unit');
  await expect(unit).toContainText('ExecStart=');
  await expect(page.getByTestId('artefact-install-script')).toContainText('useradd');
  await expect(page.getByTestId('artefact-scrape-config')).toContainText('job_name');

  await page.getByTestId('exporter-params').fill('{"port": 0}');
  await expect(page.getByTestId('exporter-error')).toContainText('port');
  await page.getByTestId('exporter-params').fill('{"port": 9101}');
  await expect(page.getByTestId('artefact-systemd-unit')).toContainText('--web.listen-address=:9101');

  const download = page.waitForEvent('download');
  await page.getByTestId('artefact-systemd-unit').getByTestId('artefact-save').click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('node_exporter.service');
  expect(await readFile(await saved.path(), 'utf8')).toContain('--web.listen-address=:9101');
});
