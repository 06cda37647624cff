// Page object for the Exporters page: choosing an exporter, the blackbox module editor
// and the artefact previews.
import { expect, type Locator, type Page } from '@playwright/test';

/** The DOM test id of an artefact, as artefactTestId in the renderer makes it. */
export function artefactTestId(id: string): string {
  return `artefact-${id.replace(/[^a-zA-Z0-9]/g, '-')}`;
}

export class ExportersPage {
  readonly params: Locator;
  readonly modules: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.params = page.getByTestId('exporter-params');
    this.modules = page.getByTestId('blackbox-module');
    this.status = page.getByTestId('artefacts-status');
  }

  async choose(exporterId: string): Promise<void> {
    await this.page.getByTestId('nav-exporters').click();
    await this.page.getByTestId(`exporter-${exporterId}`).click();
    await expect(this.page.getByTestId('exporter-detail')).toBeVisible();
  }

  artefact(id: string): Locator {
    return this.page.getByTestId(artefactTestId(id));
  }

  /** Adds a module of the preset and returns its card (the last one). */
  async addModule(preset: string): Promise<Locator> {
    const before = await this.modules.count();
    await this.page.getByTestId('blackbox-add-preset').selectOption(preset);
    await this.page.getByTestId('blackbox-add').click();
    await expect(this.modules).toHaveCount(before + 1);
    return this.modules.nth(before);
  }

  async setTargets(module: Locator, targets: readonly string[]): Promise<void> {
    await module.getByTestId('blackbox-module-targets').fill(targets.join('\n'));
  }

  /** Types the token, stores it, and waits until the module shows the id it got. */
  async storeToken(module: Locator, token: string): Promise<void> {
    await module.getByTestId('blackbox-token-input').fill(token);
    await module.getByTestId('blackbox-token-input').press('Enter');
    await expect(module.getByTestId('blackbox-token-status')).toContainText('sec_');
  }
}
