import { describe, expect, it } from 'vitest';
import type { MetricFamily, ScrapeResult } from '@shared/contract';
import { familyRows, seriesCsv, seriesView } from './metrics.selectors';

const family: MetricFamily = {
  name: 'node_network_receive_bytes_total',
  type: 'counter',
  help: 'Bytes received.',
  unit: '',
  samples: [
    { name: 'node_network_receive_bytes_total', labels: { device: 'eth0' }, value: 2048 },
    { name: 'node_network_receive_bytes_total', labels: { device: 'lo' }, value: 100 },
  ],
};

function scrape(at: number, families: MetricFamily[]): ScrapeResult {
  return {
    url: 'http://x/metrics',
    format: 'prometheus-text',
    contentType: 'text/plain',
    bytes: 1,
    durationMs: 1,
    scrapedAt: at,
    seriesCount: 2,
    summaries: families.map((entry) => ({ ...entry, series: entry.samples.length })),
    families,
  };
}

describe('families list', () => {
  const summaries = ['node_cpu_seconds_total', 'node_cpu_guest_seconds_total', 'up'].map((name) => ({
    name,
    type: 'counter' as const,
    help: '',
    unit: '',
    series: 1,
  }));

  it('is a prefix tree without a search, and ranked matches with positions with one', () => {
    expect(familyRows(summaries, '', []).map((row) => row.kind)).toEqual(['group', 'family']);
    const found = familyRows(summaries, 'ncs', []);
    expect(found[0]).toMatchObject({ kind: 'family', name: 'node_cpu_seconds_total', positions: [0, 5, 9] });
    expect(found).toHaveLength(2);
  });
});

describe('series view', () => {
  it('values series in human units and adds rates once scraped twice', () => {
    const later: MetricFamily = {
      ...family,
      samples: family.samples.map((sample) => ({ ...sample, value: (sample.value as number) + 2048 })),
    };
    const first = seriesView(family, [], scrape(0, [family]), undefined);
    expect(first.rows.map((row) => row.value)).toEqual(['2 KiB', '100 B']);
    expect(first.rows[0]?.rate).toBeUndefined();
    const second = seriesView(later, [], scrape(2000, [later]), scrape(0, [family]));
    expect(second.rows.map((row) => row.rate)).toEqual(['1 KiB/s', '1 KiB/s']);
  });

  it('applies label filters and reports a bad regex', () => {
    const view = seriesView(
      family,
      [{ label: 'device', mode: 'regex', pattern: 'eth.*' }],
      scrape(0, [family]),
      undefined,
    );
    expect(view.rows.map((row) => row.labels)).toEqual(['{device="eth0"}']);
    expect(view.total).toBe(2);
    expect(
      seriesView(family, [{ label: 'device', mode: 'regex', pattern: '[' }], scrape(0, [family]), undefined)
        .errors,
    ).toHaveLength(1);
  });

  it('copies the shown series as CSV with a column per label', () => {
    const view = seriesView(family, [], scrape(0, [family]), undefined);
    expect(seriesCsv(family, view.rows)).toBe(
      'name,device,value\r\nnode_network_receive_bytes_total,eth0,2048\r\nnode_network_receive_bytes_total,lo,100\r\n',
    );
  });
});
