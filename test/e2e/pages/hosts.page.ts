// Page object for the Hosts page: the saved hosts, the add dialog and the key check.
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

export class HostsPage {
  readonly dialog: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('add-host-dialog');
    this.table = page.getByTestId('hosts-table');
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

  async remove(row: Locator): Promise<void> {
    await row.getByTestId('host-remove').click();
    await row.getByTestId('host-remove-confirm').click();
    await expect(row).toHaveCount(0);
  }
}
