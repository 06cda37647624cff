// Page object for the Deploy page and the Hosts page's preflight checklist.
import { expect, type Locator, type Page } from '@playwright/test';

export class DeployPage {
  readonly plan: Locator;
  readonly apply: Locator;
  readonly deployments: Locator;

  constructor(readonly page: Page) {
    this.plan = page.getByTestId('deploy-plan');
    this.apply = page.getByTestId('deploy-apply');
    this.deployments = page.getByTestId('deployments');
  }

  exporter(id: string): Locator {
    return this.page.getByTestId(`deploy-exporter-${id}`);
  }

  async chooseHost(hostId: string): Promise<void> {
    await this.page.getByTestId('deploy-host').selectOption(hostId);
  }

  /** Ticks the exporter (if it is not yet) and types its parameters. */
  async choose(id: string, params: Record<string, unknown>): Promise<void> {
    const item = this.exporter(id);
    if ((await item.getAttribute('data-chosen')) !== 'true')
      await item.getByTestId('deploy-exporter-check').check();
    await expect(item).toHaveAttribute('data-chosen', 'true');
    await item.getByTestId('deploy-exporter-params').fill(JSON.stringify(params));
  }

  async makePlan(): Promise<void> {
    await this.page.getByTestId('deploy-plan-button').click();
    await expect(this.plan).toBeVisible({ timeout: 60_000 });
  }

  /** Applies the shown plan and waits for the job to end in the given state. */
  async applyAndWait(state: 'done' | 'failed'): Promise<void> {
    await this.page.getByTestId('deploy-apply-button').click();
    await expect(this.apply).toHaveAttribute('data-state', state, { timeout: 150_000 });
  }

  async uninstall(id: string): Promise<void> {
    const row = this.page.getByTestId(`deployment-${id}`);
    await row.getByTestId('deployment-uninstall').click();
    await row.getByTestId('deployment-uninstall-confirm').click();
    await expect(this.page.getByTestId('deployment-uninstall-job')).toHaveAttribute('data-state', 'done', {
      timeout: 90_000,
    });
  }
}

export class PreflightPanel {
  readonly panel: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('preflight');
  }

  /** Runs the host row's preflight and waits for its checklist. */
  async run(row: Locator): Promise<void> {
    await row.getByTestId('host-preflight').click();
    await expect(this.panel).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  }
}
