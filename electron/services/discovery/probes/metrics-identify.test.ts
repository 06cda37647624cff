import { describe, expect, it } from 'vitest';
import { exporterIds } from '@shared/contract';
import { exporterSignatures } from './exporter-signatures';
import { identifyExporter, parseSample, serviceForExporter } from './metrics-identify';

/** A /metrics page as the Go client library writes it, with the given build_info line. */
function exposition(buildInfo: string): string {
  return [
    '# HELP go_goroutines Number of goroutines that currently exist.',
    '# TYPE go_goroutines gauge',
    'go_goroutines 8',
    '# HELP go_info Information about the Go environment.',
    '# TYPE go_info gauge',
    'go_info{version="go1.19.8"} 1',
    buildInfo,
    '# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.',
    'process_cpu_seconds_total 0.02',
    '',
  ].join('\n');
}

describe('identifyExporter', () => {
  it.each([
    [
      'node_exporter_build_info{branch="debian/sid",goarch="amd64",goos="linux",goversion="go1.19.8",revision="1.5.0-1+b6",version="1.5.0"} 1',
      { name: 'node_exporter', version: '1.5.0' },
    ],
    [
      'blackbox_exporter_build_info{revision="0.23.0-4+b4",version="0.23.0"} 1',
      { name: 'blackbox_exporter', version: '0.23.0' },
    ],
    ['snmp_exporter_build_info{version="0.21.0"} 1', { name: 'snmp_exporter', version: '0.21.0' }],
    ['mysqld_exporter_build_info{version="0.14.0"} 1', { name: 'mysqld_exporter', version: '0.14.0' }],
    // Debian's redis_exporter puts its package revision in the label; upstream writes "v1.45.0".
    [
      'redis_exporter_build_info{build_date="20230409-10:15:07",version="1.45.0-2+b4"} 1',
      { name: 'redis_exporter', version: '1.45.0-2+b4' },
    ],
    ['redis_exporter_build_info{version="v1.45.0"} 1', { name: 'redis_exporter', version: '1.45.0' }],
    ['postgres_exporter_build_info{version="0.11.1"} 1', { name: 'postgres_exporter', version: '0.11.1' }],
    [
      'pg_exporter_build_info{version="0.6.0",branch="main"} 1',
      { name: 'postgres_exporter', version: '0.6.0' },
    ],
    ['mongodb_exporter_build_info{version="0.40.0"} 1', { name: 'mongodb_exporter', version: '0.40.0' }],
    ['collector_scrape_time_ms{collector="general",exporter="mongodb"} 0', { name: 'mongodb_exporter' }],
    ['pushgateway_build_info{version="1.5.1"} 1', { name: 'pushgateway', version: '1.5.1' }],
    ['prometheus_build_info{version="2.42.0+ds"} 1', { name: 'prometheus', version: '2.42.0+ds' }],
    [
      'cadvisor_version_info{cadvisorRevision="abc",cadvisorVersion="v0.47.2",dockerVersion="24.0.5",kernelVersion="6.1.0",osVersion="Alpine Linux v3.18"} 1',
      { name: 'cadvisor', version: '0.47.2' },
    ],
    ['unpoller_build_info{version="2.7.20"} 1', { name: 'unpoller', version: '2.7.20' }],
    ['unifipoller_build_info{version="2.1.3"} 1', { name: 'unpoller', version: '2.1.3' }],
    [
      'go_build_info{checksum="",path="github.com/unpoller/unpoller",version="(devel)"} 1',
      { name: 'unpoller' },
    ],
    ['windows_exporter_build_info{version="0.25.1"} 1', { name: 'windows_exporter', version: '0.25.1' }],
    ['wmi_exporter_build_info{version="0.11.1"} 1', { name: 'windows_exporter', version: '0.11.1' }],
  ])('%s', (line, expected) => {
    expect(identifyExporter(exposition(line))).toEqual(expected);
  });

  it('finds nothing in an ordinary Go program’s metrics', () => {
    expect(
      identifyExporter(exposition('go_build_info{path="example.com/app",version="v1.0.0"} 1')),
    ).toBeUndefined();
    expect(identifyExporter(exposition('collector_scrape_time_ms{exporter="other"} 3'))).toBeUndefined();
  });

  it('lets the Pushgateway win over build_info it merely re-exposes, in any order', () => {
    const pushed = [
      'node_exporter_build_info{instance="",job="pushed",version="1.5.0"} 1',
      'pushgateway_build_info{version="1.5.1"} 1',
      'push_time_seconds{instance="",job="pushed"} 1.7e+09',
    ].join('\n');
    expect(identifyExporter(pushed)).toEqual({ name: 'pushgateway', version: '1.5.1' });
  });

  it('does not take a page that only mentions a metric name', () => {
    expect(
      identifyExporter('<html><body>node_exporter_build_info is a metric</body></html>'),
    ).toBeUndefined();
    expect(
      identifyExporter('# HELP node_exporter_build_info A metric\n# TYPE node_exporter_build_info gauge\n'),
    ).toBeUndefined();
    expect(identifyExporter('node_exporter_build_info{version="1.5.0"} one\n')).toBeUndefined();
    expect(identifyExporter('node_exporter_build_info{version="1.5.0" 1\n')).toBeUndefined();
    expect(identifyExporter('node_exporter_build_infox{version="1.5.0"} 1\n')).toBeUndefined();
    expect(identifyExporter('')).toBeUndefined();
  });

  it('reads OpenMetrics, CRLF lines, timestamps and escaped label values', () => {
    const text = [
      '# TYPE node_exporter_build info',
      'node_exporter_build_info{branch="a \\"quoted\\" \\\\ branch",version="1.8.2"} 1.0 1712345678\r',
      '# EOF',
    ].join('\n');
    expect(identifyExporter(text)).toEqual({ name: 'node_exporter', version: '1.8.2' });
  });

  it('drops an exporter’s version when it is missing or unprintable', () => {
    expect(identifyExporter('node_exporter_build_info 1\n')).toEqual({ name: 'node_exporter' });
    expect(identifyExporter('node_exporter_build_info{version="\\n\u202e"} 1\n')).toEqual({
      name: 'node_exporter',
    });
  });

  it('bounds a hostile version label', () => {
    const found = identifyExporter(`node_exporter_build_info{version="${'9'.repeat(10_000)}"} 1\n`);
    expect(found?.version?.length).toBe(64);
  });

  it('stays fast on a huge hostile line of labels', () => {
    const labels = Array.from({ length: 50_000 }, (_, index) => `l${index}="v"`).join(',');
    expect(identifyExporter(`node_exporter_build_info{${labels},version="1.5.0"} 1\n`)).toEqual({
      name: 'node_exporter',
      version: '1.5.0',
    });
  });
});

describe('parseSample', () => {
  it('parses names, labels and special values', () => {
    expect(parseSample('up 1')?.name).toBe('up');
    expect(parseSample('a{b="c"} +Inf')?.labels.get('b')).toBe('c');
    expect(parseSample('a{b="c",} NaN')?.labels.get('b')).toBe('c');
    expect(parseSample('a{ b = "c" } -1e3')?.labels.get('b')).toBe('c');
    expect(parseSample('a{b="c"}1')).toBeUndefined();
    expect(parseSample('a{b=c} 1')).toBeUndefined();
    expect(parseSample('a 1 2 3')).toBeUndefined();
  });
});

describe('the signature table', () => {
  it('names only exporters the contract knows, and maps servers to their service', () => {
    for (const signature of exporterSignatures) expect(exporterIds).toContain(signature.exporter);
    expect(serviceForExporter('prometheus')).toBe('prometheus');
    expect(serviceForExporter('pushgateway')).toBe('pushgateway');
    expect(serviceForExporter('node_exporter')).toBe('exporter');
  });
});
