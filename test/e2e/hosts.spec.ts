// The Hosts page against the lab NAS's real sshd: the key shown for confirmation is the
// one ssh-keygen reads from the host's key file, logins are proved before anything is
// saved, a changed key is re-pinned only after it is shown, and removal forgets the host.
// The NAS's Docker over mutual TLS is added without SSH, and a client certificate from
// another CA is refused. Runs inside the lab's workstation namespace.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { labDockerTls, labHosts, labSsh } from '../lab/lab-facts';
import { runningInLabWorkstation } from '../integration/fixtures/in-lab';
import { makeDataDir, removeDataDir, startServer, type RunningServer } from './fixtures/promstead-server';
import { HostsPage } from './pages/hosts.page';
import { PromsteadApp } from './pages/promstead-app.page';

const inLab = runningInLabWorkstation();
test.skip(
  !inLab && !process.env.CI,
  'The Hosts suite logs in to the lab NAS: run it inside lab-ws (npm test as root does).',
);

const nas = labHosts.nas.address;
const keyLogin = {
  address: nas,
  username: labSsh.keyUser.name,
  name: 'DiskStation',
  auth: { kind: 'keyFile', keyPath: labSsh.keyUser.privateKeyPath },
} as const;

/** The NAS's host key fingerprint as ssh-keygen prints it from the key file itself. */
function expectedFingerprint(): string {
  const line = execFileSync('ssh-keygen', ['-lf', `${labSsh.hostKeyPath}.pub`], { encoding: 'utf8' });
  const fingerprint = line.split(' ')[1];
  if (!fingerprint?.startsWith('SHA256:')) throw new Error(`ssh-keygen printed no fingerprint: ${line}`);
  return fingerprint;
}

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

async function openHosts(page: Page): Promise<HostsPage> {
  const app = new PromsteadApp(page);
  await app.open(server.url);
  await app.goTo('hosts');
  return new HostsPage(page);
}

test('adds the NAS with a key file after showing the fingerprint ssh-keygen prints, then removes it', async ({
  page,
}) => {
  const hosts = await openHosts(page);
  await expect(page.getByTestId('hosts-empty')).toBeVisible();
  await hosts.openAdd();
  await hosts.fill(keyLogin);
  const shown = await hosts.checkKey();
  expect(shown).toBe(expectedFingerprint());
  await expect(hosts.dialog.getByTestId('add-host-key-type')).toHaveText('ssh-ed25519');
  await expect(hosts.dialog.getByTestId('add-host-key')).toContainText(
    'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub',
  );
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.screenshot({ path: join(import.meta.dirname, '..', '..', 'docs', 'hosts-add.png') });
  await hosts.trustAndAdd();
  await expect(hosts.dialog).toHaveCount(0);

  const row = hosts.row(labSsh.keyUser.name, nas);
  await expect(row.getByTestId('host-login')).toHaveText(`${labSsh.keyUser.name}@${nas}:22`);
  await expect(row.getByTestId('host-fingerprint')).toHaveText(shown);
  await expect(row.getByTestId('host-auth-kind')).toHaveText('Key file');
  // The list is what the server saved, not only what this window remembers.
  await page.reload();
  await expect(row.getByTestId('host-fingerprint')).toHaveText(shown);

  await page.screenshot({ path: join(import.meta.dirname, '..', '..', 'docs', 'hosts.png') });

  await hosts.remove(row);
  await expect(page.getByTestId('hosts-empty')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('hosts-empty')).toBeVisible();
});

test('a wrong password is refused with SSH_AUTH_FAILED and saves nothing; the right one adds the host', async ({
  page,
}) => {
  const hosts = await openHosts(page);
  await hosts.openAdd();
  await hosts.fill({
    address: nas,
    username: labSsh.passwordUser.name,
    auth: { kind: 'password', password: 'not-the-password' },
  });
  await hosts.checkKey();
  await hosts.trustAndAdd();
  const error = hosts.dialog.getByTestId('add-host-error');
  await expect(error).toHaveAttribute('data-code', 'SSH_AUTH_FAILED');
  await expect(error).toContainText('Nothing was saved');
  // The typed password left the form with the submit.
  await expect(page.getByTestId('host-password')).toHaveValue('');
  const listed = await page.request.post(`${server.origin}/api/op/hosts.list`, {
    headers: { authorization: `Bearer ${server.token}` },
    data: {},
  });
  expect(await listed.json()).toMatchObject({ ok: true, data: { hosts: [] } });

  await page.getByTestId('host-password').fill(labSsh.passwordUser.password);
  await hosts.trustAndAdd();
  await expect(hosts.dialog).toHaveCount(0);
  const row = hosts.row(labSsh.passwordUser.name, nas);
  await expect(row.getByTestId('host-auth-kind')).toHaveText('Password');
  await expect(row.getByTestId('host-fingerprint')).toHaveText(expectedFingerprint());
  await expect(hosts.rows()).toHaveCount(1);
});

test('a host whose pinned key no longer matches is re-pinned after the new key is shown', async ({
  page,
}) => {
  let hosts = await openHosts(page);
  await hosts.openAdd();
  await hosts.fill(keyLogin);
  await hosts.checkKey();
  await hosts.trustAndAdd();
  await expect(hosts.rows()).toHaveCount(1);

  // As after a reinstall: the pin on record is not the key the host presents any more.
  await server.stop();
  const file = join(dataDir, 'hosts.json');
  const stale = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  writeFileSync(file, readFileSync(file, 'utf8').replace(expectedFingerprint(), stale));
  server = await startServer(dataDir);
  hosts = await openHosts(page);

  const row = hosts.row(labSsh.keyUser.name, nas);
  await expect(row.getByTestId('host-fingerprint')).toHaveText(stale);
  await row.getByTestId('host-repin').click();
  const panel = page.getByTestId('repin-panel');
  await expect(panel.getByTestId('repin-pinned')).toHaveText(stale);
  await expect(panel.getByTestId('repin-key-fingerprint')).toHaveText(expectedFingerprint());
  await panel.getByTestId('repin-confirm').click();
  await expect(panel.getByTestId('repin-done')).toBeVisible();
  await expect(row.getByTestId('host-fingerprint')).toHaveText(expectedFingerprint());

  // Checking again finds the key pinned: nothing more to do.
  await row.getByTestId('host-repin').click();
  await expect(panel.getByTestId('repin-same')).toBeVisible();
});

test('a discovered host with SSH opens the add dialog with its address', async ({ page }) => {
  const app = new PromsteadApp(page);
  await app.open(server.url);
  await app.goTo('discover');
  // Only the NAS: enough to find its SSH port, and quick.
  await page.getByTestId('discover-targets').fill(nas);
  await page.getByTestId('discover-start').click();
  const panel = await app.openJobsPanel();
  await expect(panel.locator('[data-state="done"]')).toHaveCount(1, { timeout: 60_000 });
  await page.getByTestId('jobs-toggle').click();
  await page.getByTestId(`host-row-${nas}`).click();
  await page.getByTestId('host-detail').getByTestId('host-add-to-hosts').click();

  const hosts = new HostsPage(page);
  await expect(page.getByTestId('nav-hosts')).toHaveAttribute('aria-current', 'page');
  await expect(hosts.dialog).toBeVisible();
  await expect(page.getByTestId('host-address')).toHaveValue(nas);
  await expect(page.getByTestId('host-username')).toBeFocused();
  await page.keyboard.type(labSsh.keyUser.name);
  await page.getByTestId('host-key-path').fill(labSsh.keyUser.privateKeyPath);
  // Enter submits: first the key check, then (once the key is shown) trust and add.
  await page.keyboard.press('Enter');
  await expect(hosts.dialog.getByTestId('add-host-key-fingerprint')).toHaveText(expectedFingerprint());
  await page.getByTestId('host-key-path').press('Enter');
  await expect(hosts.dialog).toHaveCount(0);
  const listed = await page.request.post(`${server.origin}/api/op/hosts.list`, {
    headers: { authorization: `Bearer ${server.token}` },
    data: {},
  });
  expect(await listed.json()).toMatchObject({
    ok: true,
    data: { hosts: [{ address: nas, discoveredAddress: nas }] },
  });
  await expect(hosts.row(labSsh.keyUser.name, nas)).toBeVisible();
});

test('adds the NAS Docker over TLS from its dialog; a client certificate from another CA is refused and the form keeps its values', async ({
  page,
}) => {
  const hosts = await openHosts(page);
  await expect(page.getByTestId('hosts-empty')).toBeVisible();
  await hosts.openAddDocker();
  // This computer's socket is what the dialog offers first, with the usual defaults.
  await expect(hosts.dockerDialog.getByTestId('docker-connection-socket')).toBeChecked();
  await expect(hosts.dockerDialog.getByTestId('docker-socket-path')).toHaveValue('/var/run/docker.sock');
  await expect(hosts.dockerDialog.getByTestId('docker-local-address')).toHaveValue('127.0.0.1');

  const endpoint = {
    name: 'DiskStation Docker',
    address: nas,
    port: labDockerTls.port,
    caPath: labDockerTls.caPath,
    certPath: labDockerTls.clientCertPath,
    keyPath: labDockerTls.clientKeyPath,
  };
  await hosts.fillDockerTls(endpoint);
  await hosts.addDocker();
  await expect(hosts.dockerDialog).toHaveCount(0);

  const row = hosts.dockerRow(nas);
  await expect(row.getByRole('rowheader')).toHaveText(endpoint.name);
  await expect(row.getByTestId('host-login')).toHaveText(`docker tcp://${nas}:${labDockerTls.port} (TLS)`);
  await expect(row.getByTestId('host-auth-kind')).toHaveText('Docker, client certificate');
  await expect(row.getByTestId('host-ca')).toHaveText(`CA ${labDockerTls.caPath}`);
  // The list is what the server saved, not only what this window remembers.
  await page.reload();
  await expect(row.getByTestId('host-login')).toHaveText(`docker tcp://${nas}:${labDockerTls.port} (TLS)`);

  // The right CA, but a client certificate the daemon never signed: the handshake is refused.
  await hosts.openAddDocker();
  const stranger = {
    ...endpoint,
    name: 'Stranger',
    certPath: labDockerTls.stranger.certPath,
    keyPath: labDockerTls.stranger.keyPath,
  };
  await hosts.fillDockerTls(stranger);
  await hosts.addDocker();
  const error = hosts.dockerDialog.getByTestId('add-docker-error');
  await expect(error).toHaveAttribute('data-code', 'FORBIDDEN');
  await expect(error).toContainText(`TLS with ${nas}:${labDockerTls.port} failed`);
  await expect(error).toContainText('the client certificate and key must be ones the daemon trusts');
  await expect(hosts.dockerDialog).toHaveAttribute('data-step', 'edit');
  expect(await hosts.dockerTlsValues()).toEqual(stranger);
  await expect(hosts.rows()).toHaveCount(1);

  await hosts.dockerDialog.getByTestId('add-docker-cancel').click();
  await expect(hosts.dockerDialog).toHaveCount(0);
  await hosts.remove(row);
  await expect(page.getByTestId('hosts-empty')).toBeVisible();
});
