// Page object for the Deploy page (install method, exporters with blackbox's module
// editor, plan, apply with cancel) and the Hosts page's preflight checklist.
import { expect, type Locator, type Page } from '@playwright/test';

export class DeployPage {
  readonly plan: Locator;
  readonly apply: Locator;
  readonly deployments: Locator;
  readonly method: Locator;

  constructor(readonly page: Page) {
    this.plan = page.getByTestId('deploy-plan');
    this.apply = page.getByTestId('deploy-apply');
    this.deployments = page.getByTestId('deployments');
    this.method = page.getByTestId('deploy-method');
  }

  async chooseMethod(method: 'auto' | 'docker' | 'systemd'): Promise<void> {
    await this.page.getByTestId(`deploy-method-${method}`).click();
    await expect(this.method).toHaveAttribute('data-value', method);
  }

  /** Ticks blackbox_exporter and gives it one module of the preset through the module editor. */
  async chooseBlackbox(preset: string, targets: readonly string[]): Promise<void> {
    const item = this.exporter('blackbox_exporter');
    if ((await item.getAttribute('data-chosen')) !== 'true')
      await item.getByTestId('deploy-exporter-check').check();
    const modules = item.getByTestId('blackbox-module');
    const before = await modules.count();
    await item.getByTestId('blackbox-add-preset').selectOption(preset);
    await item.getByTestId('blackbox-add').click();
    await expect(modules).toHaveCount(before + 1);
    await modules.nth(before).getByTestId('blackbox-module-targets').fill(targets.join('\n'));
  }

  /** Merges parameters into what the exporter's JSON holds (the module editor writes there too). */
  async mergeParams(id: string, params: Record<string, unknown>): Promise<void> {
    const item = this.exporter(id);
    const field = item.getByTestId('deploy-exporter-params');
    // An exporter with its own form folds the JSON away.
    if (!(await field.isVisible()))
      await item.getByTestId('deploy-exporter-advanced').locator('summary').click();
    const current = JSON.parse(await field.inputValue()) as Record<string, unknown>;
    await field.fill(JSON.stringify({ ...current, ...params }));
  }

  /** The plan's actions as "kind target", to compare two plans. */
  async planActions(): Promise<string[]> {
    const actions = this.plan.getByTestId('deploy-plan-action');
    const kinds = await actions.evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
    const texts = await actions.locator('summary').allTextContents();
    return kinds.map((kind, index) => `${kind ?? ''} ${texts[index] ?? ''}`);
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
  async applyAndWait(state: 'done' | 'failed' | 'cancelled'): Promise<void> {
    await this.page.getByTestId('deploy-apply-button').click();
    await expect(this.apply).toHaveAttribute('data-state', state, { timeout: 150_000 });
  }

  /**
   * Applies the shown plan and cancels it once the progress shows the actions running
   * (phase apply, or pull within a pull-image action): each action's undo is journalled
   * before it starts, so from then on there is something to roll back. waitFor watches the
   * DOM itself, so the click follows that moment closely.
   */
  async applyAndCancelWhileActionsRun(): Promise<void> {
    await this.page.getByTestId('deploy-apply-button').click();
    await this.page
      .locator(
        '[data-testid="deploy-apply"][data-state="running"]:is([data-phase="apply"], [data-phase="pull"])',
      )
      .waitFor({ timeout: 150_000 });
    await this.apply.getByTestId('deploy-apply-cancel').click();
    await expect(this.apply).toHaveAttribute('data-state', 'cancelled', { timeout: 150_000 });
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
