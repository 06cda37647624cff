// Page object for the app shell: navigation, the jobs panel, About and Settings.
import { expect, type Locator, type Page } from '@playwright/test';

export class PromsteadApp {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('navigation')).toBeVisible();
  }

  async goTo(
    route: 'discover' | 'hosts' | 'deploy' | 'probes' | 'metrics' | 'settings' | 'about',
  ): Promise<void> {
    await this.page.getByTestId(`nav-${route}`).click();
    await expect(this.page.getByTestId(`nav-${route}`)).toHaveAttribute('aria-current', 'page');
  }

  async openJobsPanel(): Promise<Locator> {
    const toggle = this.page.getByTestId('jobs-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const panel = this.page.getByTestId('jobs-panel');
    await expect(panel).toBeVisible();
    return panel;
  }

  jobRows(): Locator {
    return this.page.getByTestId('jobs-panel').locator('[data-testid^="job-"][data-state]');
  }

  async startSelfTest(options: { repeat: number; intervalMs: number }): Promise<void> {
    await this.goTo('about');
    await this.page.getByTestId('self-test-repeat').fill(String(options.repeat));
    await this.page.getByTestId('self-test-interval').fill(String(options.intervalMs));
    await this.page.getByTestId('self-test-start').click();
  }
}
