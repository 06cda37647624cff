// Page object for the Hosts page: the saved hosts, the add dialog and the key check, and
// the add Docker endpoint dialog.
import { expect, type Locator, type Page } from '@playwright/test';

export type LoginWith =
  | { kind: 'keyFile'; keyPath: string; passphrase?: string }
  | { kind: 'password'; password: string }
  | { kind: 'agent' };

export interface HostLogin {
  address: string;
  port?: number;
  username: string;
  name?: string;
  auth: LoginWith;
}

/** A Docker daemon's TCP port with mutual TLS; every path is on this machine. */
export interface DockerTlsEndpoint {
  name?: string;
  address: string;
  port: number;
  caPath: string;
  certPath: string;
  keyPath: string;
}

export class HostsPage {
  readonly dialog: Locator;
  readonly dockerDialog: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('add-host-dialog');
    this.dockerDialog = page.getByTestId('add-docker-dialog');
    this.table = page.getByTestId('hosts-table');
  }

  dockerRow(address: string): Locator {
    return this.table.locator(`tr[data-kind="docker"][data-address="${address}"]`);
  }

  row(username: string, address: string): Locator {
    return this.table.locator(`tr[data-username="${username}"][data-address="${address}"]`);
  }

  rows(): Locator {
    return this.table.locator('tbody tr');
  }

  async openAdd(): Promise<void> {
    await this.page.getByTestId('hosts-add').click();
    await expect(this.dialog).toBeVisible();
  }

  /** Fills the dialog's login and auth fields. */
  async fill(login: HostLogin): Promise<void> {
    await this.page.getByTestId('host-address').fill(login.address);
    await this.page.getByTestId('host-port').fill(String(login.port ?? 22));
    await this.page.getByTestId('host-username').fill(login.username);
    if (login.name) await this.page.getByTestId('host-name').fill(login.name);
    await this.page.getByTestId('host-auth').selectOption(login.auth.kind);
    if (login.auth.kind === 'keyFile') {
      await this.page.getByTestId('host-key-path').fill(login.auth.keyPath);
      if (login.auth.passphrase) await this.page.getByTestId('host-passphrase').fill(login.auth.passphrase);
    }
    if (login.auth.kind === 'password')
      await this.page.getByTestId('host-password').fill(login.auth.password);
  }

  /** "Check host key", then the fingerprint the dialog shows. */
  async checkKey(): Promise<string> {
    await this.dialog.getByTestId('add-host-check').click();
    await expect(this.dialog).toHaveAttribute('data-step', 'scanned');
    return (await this.dialog.getByTestId('add-host-key-fingerprint').textContent()) ?? '';
  }

  async trustAndAdd(): Promise<void> {
    await this.dialog.getByTestId('add-host-trust').click();
  }

  async openAddDocker(): Promise<void> {
    await this.page.getByTestId('hosts-add-docker').click();
    await expect(this.dockerDialog).toBeVisible();
  }

  /** Chooses Docker over TCP with TLS and fills its fields. */
  async fillDockerTls(endpoint: DockerTlsEndpoint): Promise<void> {
    const dialog = this.dockerDialog;
    await dialog.getByTestId('docker-connection-tls').check();
    if (endpoint.name) await dialog.getByTestId('docker-name').fill(endpoint.name);
    await dialog.getByTestId('docker-address').fill(endpoint.address);
    await dialog.getByTestId('docker-port').fill(String(endpoint.port));
    await dialog.getByTestId('docker-ca-path').fill(endpoint.caPath);
    await dialog.getByTestId('docker-cert-path').fill(endpoint.certPath);
    await dialog.getByTestId('docker-key-path').fill(endpoint.keyPath);
  }

  /** The fields of the TLS form as they stand, in the shape fillDockerTls takes. */
  async dockerTlsValues(): Promise<Required<DockerTlsEndpoint>> {
    const dialog = this.dockerDialog;
    const value = (testId: string): Promise<string> => dialog.getByTestId(testId).inputValue();
    return {
      name: await value('docker-name'),
      address: await value('docker-address'),
      port: Number(await value('docker-port')),
      caPath: await value('docker-ca-path'),
      certPath: await value('docker-cert-path'),
      keyPath: await value('docker-key-path'),
    };
  }

  /** "Add endpoint"; the test waits for what it expects (the dialog gone, or its error). */
  async addDocker(): Promise<void> {
    await this.dockerDialog.getByTestId('add-docker-submit').click();
  }

  async remove(row: Locator): Promise<void> {
    await row.getByTestId('host-remove').click();
    await row.getByTestId('host-remove-confirm').click();
    await expect(row).toHaveCount(0);
  }
}
