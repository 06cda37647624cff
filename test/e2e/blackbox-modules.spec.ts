// The blackbox module editor on the Exporters page against a real `promstead serve`:
// modules built in the form reach blackbox.yml and the scrape jobs, a bad target is
// marked without touching the files, and a bearer token is stored, never shown.
import { expect, test } from '@playwright/test';
import { makeDataDir, removeDataDir, startServer, type RunningServer } from './fixtures/promstead-server';
import { ExportersPage } from './pages/exporters.page';
import { PromsteadApp } from './pages/promstead-app.page';

const blackboxYml = 'file:/etc/promstead/blackbox_exporter/blackbox.yml';
const tokenFile = 'file:/etc/promstead/blackbox_exporter/secrets/http_post_auth.token';
const token = 'e2e-bearer-token-7f3a9c';

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

test('builds blackbox modules in the editor, keeps the files on a bad target, and stores a token by id only', async ({
  page,
}) => {
  await new PromsteadApp(page).open(server.url);
  const exporters = new ExportersPage(page);
  await exporters.choose('blackbox_exporter');
  await expect(page.getByTestId('blackbox-empty')).toBeVisible();

  const icmp = await exporters.addModule('icmp');
  await exporters.setTargets(icmp, ['192.168.1.1', 'router.lan']);
  const http = await exporters.addModule('http_2xx');
  await exporters.setTargets(http, ['https://nas.lan/health']);
  await http.getByTestId('blackbox-module-codes').fill('200, 204');

  const yml = exporters.artefact(blackboxYml);
  await expect(yml).toContainText('prober: icmp');
  await expect(yml).toContainText(
    /http_2xx:\s+http:[\s\S]*valid_status_codes:\s+- 200\s+- 204\s+prober: http/,
  );
  const scrape = exporters.artefact('scrape-config');
  await expect(scrape).toContainText(/job_name: blackbox_icmp[\s\S]*- 192\.168\.1\.1\s+- router\.lan/);
  await expect(scrape).toContainText('job_name: blackbox_http_2xx');
  // The JSON box, the advanced view, holds the same modules.
  await expect(exporters.params).toHaveValue(/"validStatusCodes": \[\s*200,\s*204\s*\]/);

  // A bad target: the field says why, the JSON and the files stay as they were, marked out of date.
  const goodJson = await exporters.params.inputValue();
  await exporters.setTargets(http, ['not a url']);
  await expect(http.getByTestId('blackbox-module-targets-error')).toContainText('"not a url" is not an http');
  await expect(http.getByTestId('blackbox-module-targets')).toHaveAttribute('aria-invalid', 'true');
  await expect(exporters.status).toContainText('last valid modules');
  await expect(exporters.params).toHaveValue(goodJson);
  await expect(yml).toContainText('valid_status_codes');
  await expect(page.getByTestId('exporter-error')).toHaveCount(0);
  await expect(yml).not.toContainText('not a url');
  await exporters.setTargets(http, ['https://nas.lan/health']);
  await expect(exporters.status).toHaveText('');

  // JSON the editor can show flows back into it; JSON it cannot gets a note.
  await exporters.params.fill(goodJson.replace('router.lan', 'gw.lan'));
  await expect(icmp.getByTestId('blackbox-module-targets')).toHaveValue('192.168.1.1\ngw.lan');
  await exporters.params.fill('{"modules": [{"preset": "smtp"}]}');
  await expect(page.getByTestId('blackbox-unreadable')).toContainText('cannot show');
  await exporters.params.fill(goodJson);
  await expect(exporters.modules).toHaveCount(2);

  const post = await exporters.addModule('http_post_auth');
  await exporters.setTargets(post, ['https://api.lan/health']);
  await expect(post.getByTestId('blackbox-token-error')).toContainText('Save a bearer token');
  await exporters.storeToken(post, token);
  await expect(post.getByTestId('blackbox-token-input')).toHaveValue('');

  const file = exporters.artefact(tokenFile);
  await expect(file).toContainText('((promstead-secret:sec_');
  await expect(yml).toContainText(
    'bearer_token_file: /etc/promstead/blackbox_exporter/secrets/http_post_auth.token',
  );
  await expect(exporters.params).toHaveValue(/"bearerTokenSecretId": "sec_[0-9a-f]+"/);
  // Nowhere in the page: not in text, attributes, nor any input's value.
  expect(await page.content()).not.toContain(token);
  const fields = await page.locator('input, textarea').all();
  const values = await Promise.all(fields.map((field) => field.inputValue()));
  expect(values.join('\n')).not.toContain(token);
});
