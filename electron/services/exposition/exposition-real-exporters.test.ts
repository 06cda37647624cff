// Real exporters' output, parsed: Debian's node_exporter as it runs here, and a
// pushgateway given tricky metrics (escapes, UTF-8, a histogram and a summary) that
// client_golang writes back out in the text format.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { freeLoopbackPort, scrapeWhileRunning } from '../exporters/tool-checks';
import { family } from './exposition-test-helpers';
import { ExpositionStreamParser, formatFromContentType, parseExposition } from './index';

function sampleLines(body: string): number {
  return body.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#')).length;
}

describe('real exporters', () => {
  it("parses Debian's node_exporter output, whole and streamed alike, counting every sample line", async () => {
    const port = await freeLoopbackPort();
    const body = await scrapeWhileRunning(
      '/usr/bin/prometheus-node-exporter',
      [`--web.listen-address=127.0.0.1:${port}`],
      port,
      (text) => text.includes('node_exporter_build_info'),
    );
    const bytes = new TextEncoder().encode(body);
    const parsed = parseExposition(bytes, { format: 'prometheus-text' });
    expect(parsed.seriesCount).toBe(sampleLines(body));
    expect(family(parsed, 'node_exporter_build_info').type).toBe('gauge');
    const gc = family(parsed, 'go_gc_duration_seconds');
    expect(gc.type).toBe('summary');
    expect(gc.samples.map((sample) => sample.name)).toContain('go_gc_duration_seconds_count');
    // Every family it documents comes out as one family with its samples, none split off.
    const documented = body.split('\n').filter((line) => line.startsWith('# HELP ')).length;
    expect(parsed.families).toHaveLength(documented);
    expect(parsed.families.every((each) => each.samples.length > 0 && each.help !== '')).toBe(true);
    const stream = new ExpositionStreamParser({ format: 'prometheus-text' });
    for (let offset = 0; offset < bytes.length; offset += 777)
      stream.push(bytes.subarray(offset, offset + 777));
    expect(stream.end()).toEqual(parsed);
  });

  it('reads back what a pushgateway re-exposes: escaped and UTF-8 label values, HELP escapes, histogram and summary', async () => {
    const port = await freeLoopbackPort();
    const child = spawn('/usr/bin/prometheus-pushgateway', [`--web.listen-address=127.0.0.1:${port}`], {
      stdio: 'ignore',
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      for (let attempt = 0; attempt < 100; attempt++) {
        const up = await fetch(`${base}/-/ready`).then(
          (response) => response.ok,
          () => false,
        );
        if (up) break;
        await sleep(100);
      }
      const pushed = [
        '# HELP promstead_test_temp Température \\\\ in °C\\nsecond line',
        '# TYPE promstead_test_temp gauge',
        'promstead_test_temp{room="séjour \\"☃\\"",path="C:\\\\temp\\nx"} -21.5',
        '# TYPE promstead_test_latency_seconds histogram',
        'promstead_test_latency_seconds_bucket{le="0.1"} 2',
        'promstead_test_latency_seconds_bucket{le="+Inf"} 5',
        'promstead_test_latency_seconds_sum 1.25',
        'promstead_test_latency_seconds_count 5',
        '# TYPE promstead_test_rpc summary',
        'promstead_test_rpc{quantile="0.5"} NaN',
        'promstead_test_rpc_sum 0',
        'promstead_test_rpc_count 0',
        '',
      ].join('\n');
      const push = await fetch(`${base}/metrics/job/promstead_test`, { method: 'PUT', body: pushed });
      expect(push.status).toBeLessThan(300);
      const response = await fetch(`${base}/metrics`);
      expect(formatFromContentType(response.headers.get('content-type') ?? undefined)).toBe(
        'prometheus-text',
      );
      const parsed = parseExposition(new Uint8Array(await response.arrayBuffer()), {
        format: 'prometheus-text',
      });
      const temp = family(parsed, 'promstead_test_temp');
      expect(temp.help).toBe('Température \\ in °C\nsecond line');
      expect(temp.samples[0]?.labels).toMatchObject({
        room: 'séjour "☃"',
        path: 'C:\\temp\nx',
        job: 'promstead_test',
      });
      expect(temp.samples[0]?.value).toBe(-21.5);
      const latency = family(parsed, 'promstead_test_latency_seconds');
      expect(latency.type).toBe('histogram');
      expect(latency.samples.map((sample) => [sample.name, sample.labels.le, sample.value])).toEqual([
        ['promstead_test_latency_seconds_bucket', '0.1', 2],
        ['promstead_test_latency_seconds_bucket', '+Inf', 5],
        ['promstead_test_latency_seconds_sum', undefined, 1.25],
        ['promstead_test_latency_seconds_count', undefined, 5],
      ]);
      const rpc = family(parsed, 'promstead_test_rpc');
      expect(rpc.type).toBe('summary');
      expect(rpc.samples[0]?.value).toBeNaN();
    } finally {
      child.kill('SIGTERM');
    }
  });
});
