import { describe, expect, it } from 'vitest';
import { singleTargetScrapeJobs } from './scrape-job';

describe('singleTargetScrapeJobs', () => {
  it('scrapes the port on the host Prometheus sees, at the context tier', () => {
    expect(singleTargetScrapeJobs('node', { host: 'nas.lan', tier: 'low' }, 9100)).toEqual({
      jobs: [{ jobName: 'node', tier: 'low', staticConfigs: [{ targets: ['nas.lan:9100'] }] }],
      multiTargetJobs: [],
    });
  });

  it('brackets an IPv6 host and carries labels and honor_labels when asked', () => {
    const { jobs } = singleTargetScrapeJobs('pg', { host: 'fd00::5', tier: 'critical' }, 9187, {
      labels: { role: 'database' },
      honorLabels: true,
    });
    expect(jobs).toEqual([
      {
        jobName: 'pg',
        tier: 'critical',
        honorLabels: true,
        staticConfigs: [{ targets: ['[fd00::5]:9187'], labels: { role: 'database' } }],
      },
    ]);
  });
});
