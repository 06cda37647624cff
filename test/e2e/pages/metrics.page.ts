// Page object for the Metrics page: target, families browser, series table, live chart
// (and its render measures), cardinality with drop rules and the Prometheus redeploy,
// and PromQL with the targets list.
import { expect, type Locator, type Page } from '@playwright/test';

export interface RenderMeasures {
  count: number;
  durations: number[];
}

export class MetricsPage {
  readonly summary: Locator;
  readonly chart: Locator;
  readonly series: Locator;
  readonly legend: Locator;
  readonly dropRules: Locator;

  constructor(readonly page: Page) {
    this.summary = page.getByTestId('metrics-scrape-summary');
    this.chart = page.getByTestId('metrics-live-chart');
    this.series = page.getByTestId('metrics-series');
    this.legend = page.getByTestId('metrics-legend');
    this.dropRules = page.getByTestId('metrics-drop-rules');
  }

  async tab(id: 'browse' | 'cardinality' | 'promql'): Promise<void> {
    await this.page.getByTestId(`metrics-tab-${id}`).click();
    await expect(this.page.getByTestId(`metrics-tab-${id}`)).toHaveAttribute('aria-selected', 'true');
  }

  async scrapeUrl(url: string): Promise<void> {
    await this.page.getByTestId('metrics-url').fill(url);
    await this.page.getByTestId('metrics-url-scrape').click();
    await expect(this.summary).toBeVisible({ timeout: 30_000 });
  }

  /** Picks a deployment or a discovered exporter by its option key (`deployment:<host>:<exporter>`). */
  async chooseTarget(key: string): Promise<void> {
    await this.page.getByTestId('metrics-target').selectOption(key);
    await expect(this.summary).toBeVisible({ timeout: 30_000 });
  }

  familyRow(name: string): Locator {
    return this.page.locator(`[data-testid="metrics-family-row"][data-name="${name}"]`);
  }

  /** Finds a family by searching its full name and opens its series. */
  async openFamily(name: string): Promise<void> {
    await this.page.getByTestId('metrics-family-search').fill(name);
    await this.familyRow(name).click();
    await expect(this.series).toHaveAttribute('data-family', name);
  }

  /** Ticks the first `count` series of the open family for the live chart. */
  async chartSeries(count: number): Promise<void> {
    const boxes = this.series.getByTestId('metrics-series-chart');
    for (let index = 0; index < count; index++) await boxes.nth(index).check();
  }

  async waitForTicks(atLeast: number, timeout = 60_000): Promise<void> {
    await expect
      .poll(async () => Number((await this.chart.getAttribute('data-ticks')) ?? '0'), { timeout })
      .toBeGreaterThanOrEqual(atLeast);
  }

  async clearRenderMeasures(): Promise<void> {
    await this.page.evaluate(() => performance.clearMeasures('metrics-render'));
  }

  async renderMeasures(): Promise<RenderMeasures> {
    const durations = await this.page.evaluate(() =>
      performance.getEntriesByName('metrics-render', 'measure').map((entry) => entry.duration),
    );
    return { count: durations.length, durations };
  }

  cardinalityRow(family: string): Locator {
    return this.page.locator(`[data-testid="metrics-cardinality-row"][data-family="${family}"]`);
  }

  async dropFamily(family: string): Promise<void> {
    await this.cardinalityRow(family).getByTestId('metrics-drop-family').click();
    await expect(this.dropRules.getByTestId('metrics-drop-rule')).not.toHaveCount(0);
  }

  async preview(): Promise<Locator> {
    await this.page.getByTestId('metrics-drop-preview').click();
    const result = this.page.getByTestId('metrics-drop-preview-result');
    await expect(result).toBeVisible({ timeout: 30_000 });
    return result;
  }

  async save(): Promise<void> {
    await this.page.getByTestId('metrics-drop-save').click();
    await expect(this.page.getByTestId('metrics-drop-saved')).toBeVisible({ timeout: 30_000 });
  }

  /** Plans Prometheus's redeploy, applies it, and waits for the apply job to end. */
  async deployPrometheus(state: 'done' | 'failed' = 'done'): Promise<void> {
    await this.page.getByTestId('metrics-deploy-prometheus').click();
    await expect(this.page.getByTestId('deploy-plan')).toBeVisible({ timeout: 60_000 });
    await this.page.getByTestId('metrics-prometheus-apply').click();
    await expect(this.page.getByTestId('deploy-apply')).toHaveAttribute('data-state', state, {
      timeout: 150_000,
    });
  }

  async runQuery(expression: string, mode: 'table' | 'graph' = 'table'): Promise<void> {
    await this.page.getByTestId(`promql-mode-${mode}`).click();
    const input = this.page.getByTestId('promql-input');
    await input.click();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.insertText(expression);
    // The completion list may cover the Run button, as it would for a person: Escape closes it.
    await this.page.keyboard.press('Escape');
    await this.page.getByTestId('promql-run').click();
    await expect(this.page.getByTestId('promql-run')).toHaveText('Run', { timeout: 30_000 });
  }
}
