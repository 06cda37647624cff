import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { blackboxConfig } from '../exporters/blackbox-modules';
import { runTool, withTempFiles } from '../exporters/tool-checks';
import { exportBlackboxConfig, importBlackboxConfig } from './blackbox-config';

const fixture = readFileSync(join(import.meta.dirname, '__fixtures__', 'blackbox.yml'), 'utf8');
type Modules = { modules: Record<string, unknown> };

describe('blackbox.yml import and export', () => {
  it('reads every module with its prober, Promstead presets or not', () => {
    const { modules } = importBlackboxConfig(fixture);
    expect(Object.keys(modules)).toEqual(['http_2xx', 'grpc_health', 'tcp_ssh']);
    expect(modules.grpc_health?.prober).toBe('grpc');
    expect(modules.http_2xx?.timeout).toBe('5s');
  });

  it('writes an unchanged import back with the same content and every comment', () => {
    const exported = exportBlackboxConfig(importBlackboxConfig(fixture).document);
    expect(parse(exported)).toEqual(parse(fixture));
    // yaml moves a comment that follows a key whose value is a map onto the next line.
    for (const comment of fixture.match(/#.*$/gm) ?? []) expect(exported).toContain(comment);
  });

  it('adds a module and leaves the others and their comments alone', () => {
    const { document } = importBlackboxConfig(fixture);
    const icmp = blackboxConfig(
      [{ preset: 'icmp', targets: ['192.168.1.1'], timeoutSeconds: 5 }],
      '/etc/bb',
    ).modules;
    const exported = exportBlackboxConfig(document, { upsertModules: icmp });
    const before = parse(fixture) as Modules;
    const after = parse(exported) as Modules;
    expect(after.modules).toEqual({ ...before.modules, icmp: icmp.icmp });
    expect(exported).toContain('# the LAN has no v6');
    expect(exported).toContain('# not a Promstead preset');
  });

  it('replaces a module it rewrites and removes one on request', () => {
    const { document } = importBlackboxConfig(fixture);
    const http = blackboxConfig(
      [{ preset: 'http_2xx', targets: ['https://a.lan/'], validStatusCodes: [], timeoutSeconds: 5 }],
      '/x',
    ).modules;
    const after = parse(
      exportBlackboxConfig(document, { upsertModules: http, removeModules: ['tcp_ssh'] }),
    ) as Modules;
    expect(after.modules.http_2xx).toEqual(http.http_2xx);
    expect(Object.keys(after.modules)).toEqual(['http_2xx', 'grpc_health']);
  });

  it.runIf(process.platform === 'linux')(
    'stays valid for Debian’s blackbox_exporter after a change',
    async () => {
      const { document } = importBlackboxConfig(fixture);
      const exported = exportBlackboxConfig(document, {
        upsertModules: blackboxConfig([{ preset: 'icmp', targets: ['192.168.1.1'], timeoutSeconds: 5 }], '/x')
          .modules,
      });
      await withTempFiles({ 'blackbox.yml': exported }, async (directory) => {
        const result = await runTool('/usr/bin/prometheus-blackbox-exporter', [
          `--config.file=${directory}/blackbox.yml`,
          '--config.check',
        ]);
        expect(result.code, result.stderr).toBe(0);
      });
    },
  );
});
