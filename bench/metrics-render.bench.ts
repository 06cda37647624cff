// Scrape-to-screen: the Metrics page in Chromium (browser mode) watching Debian's
// node_exporter at 1 s with 50 series charted. The e2e test that drives it records the
// render work of each update (store update, React render, uPlot draw: performance
// measures named `metrics-render`) in test-results/metrics-render.json; this runs that
// test and reports the figures against the 5 ms budget. Asserts nothing.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const root = join(import.meta.dirname, '..');
const budgetMs = 5;

interface RenderMeasures {
  series: number;
  ticks: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

async function main(): Promise<void> {
  console.log(
    'Scrape-to-screen: 50 live series of a node_exporter at 1 s, render work per update in Chromium\n',
  );
  // Playwright's own CLI under this Node (no npx: nothing outside the project is needed).
  const playwright = join(root, 'node_modules', '@playwright', 'test', 'cli.js');
  await execFileAsync(
    process.execPath,
    [playwright, 'test', 'test/e2e/metrics.spec.ts', '--grep', 'render cost'],
    {
      cwd: root,
      timeout: 600_000,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const measures = JSON.parse(
    await readFile(join(root, 'test-results', 'metrics-render.json'), 'utf8'),
  ) as RenderMeasures;
  const line = (name: string, value: number): string =>
    `${name.padEnd(44)} ${value.toFixed(2)} ms  (${(value / budgetMs).toFixed(2)}× the ${budgetMs} ms budget)`;
  console.log(`${measures.series} series, ${measures.ticks} updates`);
  console.log(line('render work per update, median', measures.medianMs));
  console.log(line('render work per update, p95', measures.p95Ms));
  console.log(line('render work per update, max', measures.maxMs));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
