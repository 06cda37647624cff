import { describe, expect, it } from 'vitest';
import { metricFamilies, missingMetrics, parseExposition, pickSamples, upSamples } from './exposition';

const text = [
  '# HELP pg_up Whether the last scrape could connect.',
  '# TYPE pg_up gauge',
  'pg_up 1',
  'node_network_up{device="eth1"} 0',
  'http_request_duration_seconds_bucket{le="0.1",path="/a b"} 3',
  'http_request_duration_seconds_sum 1.5',
  'http_request_duration_seconds_count 4',
  'label_with_brace{msg="a } b"} 2 1700000000000',
  '',
].join('\n');

describe('exposition parsing for verification', () => {
  it('reads samples with labels, quoted braces and timestamps', () => {
    const samples = parseExposition(text);
    expect(samples.map((sample) => sample.series)).toEqual([
      'pg_up',
      'node_network_up{device="eth1"}',
      'http_request_duration_seconds_bucket{le="0.1",path="/a b"}',
      'http_request_duration_seconds_sum',
      'http_request_duration_seconds_count',
      'label_with_brace{msg="a } b"}',
    ]);
    expect(samples.at(-1)?.value).toBe('2');
  });

  it('finds a histogram proof metric by its family name', () => {
    const samples = parseExposition(text);
    expect(metricFamilies(samples).has('http_request_duration_seconds')).toBe(true);
    expect(missingMetrics(samples, ['pg_up', 'http_request_duration_seconds', 'absent_metric'])).toEqual([
      'absent_metric',
    ]);
  });

  it('treats only one-word unlabelled *_up gauges as the exporter’s health', () => {
    const samples = parseExposition(text);
    expect(upSamples(samples).map((sample) => sample.series)).toEqual(['pg_up']);
    expect(pickSamples(samples, ['http_request_duration_seconds'])).toEqual([
      { series: 'pg_up', value: '1' },
      { series: 'http_request_duration_seconds_bucket{le="0.1",path="/a b"}', value: '3' },
    ]);
  });
});
