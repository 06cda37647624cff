// Runs the real `promstead config` command as a user would, in its own data folder.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeWithPromtool } from '../../services/prometheus/promtool-test-support';
import { inventory } from '../../services/monitoring/test-inventory.fixture';

const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'promstead.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'promstead-config-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function promstead(home: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, PROMSTEAD_HOME: home },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function freshHome(name: string): string {
  const home = join(scratch, name);
  mkdirSync(home, { recursive: true });
  return home;
}

describe('promstead config render', () => {
  it('asks for a scan when there is no inventory yet', () => {
    const { code, stderr } = promstead(freshHome('empty'), 'config', 'render');
    expect(code).toBe(1);
    expect(stderr).toMatch(/error NOT_FOUND: .*run a scan first/);
  });

  it('refuses a spec that names an exporter wrongly, saying which entry', () => {
    const spec = join(scratch, 'bad-spec.json');
    writeFileSync(
      spec,
      JSON.stringify({ exporters: [{ exporter: 'node_exporter', host: 'nas', params: { port: 0 } }] }),
    );
    const { code, stderr } = promstead(freshHome('bad'), 'config', 'render', '--spec', spec);
    expect(code).toBe(1);
    expect(stderr).toMatch(/error VALIDATION: exporters\[0\] \(node_exporter on nas\): port/);
  });

  it('exits 2 on options that do not fit together', () => {
    expect(promstead(freshHome('usage'), 'config', 'check', 'x.yml', '--probe-host', 'nas').code).toBe(2);
    expect(promstead(freshHome('usage'), 'config', 'frobnicate').code).toBe(2);
  });
});

describeWithPromtool('promstead config with promtool', () => {
  it('renders the saved inventory into a folder, and that folder checks as valid', () => {
    const home = freshHome('inventory');
    writeFileSync(join(home, 'inventory.json'), JSON.stringify({ version: 1, data: inventory }));
    const outDir = join(scratch, 'prometheus');
    const rendered = promstead(
      home,
      'config',
      'render',
      '--include-suggested',
      '--probe-host',
      '10.203.0.20',
      '--out',
      outDir,
      '--check',
    );
    expect(rendered.stderr).toMatch(/note: .*mikrotik module is not built in/);
    expect(rendered.code).toBe(0);
    expect(rendered.stdout).toContain(`wrote ${join(outDir, 'prometheus.yml')}`);
    expect(rendered.stdout).toMatch(/valid \(checked by promtool, version \d/);
    expect(readFileSync(join(outDir, 'prometheus.yml'), 'utf8')).toContain('job_name: snmp_if_mib_v2c_1');

    const checked = promstead(home, 'config', 'check', join(outDir, 'prometheus.yml'), '--json');
    expect(checked.code).toBe(0);
    const result = JSON.parse(checked.stdout) as { ok: boolean; checks: { path: string; ok: boolean }[] };
    expect(result.ok).toBe(true);
  });

  it('checks a user’s own config with its globbed rule files and shows what promtool said', () => {
    const dir = join(scratch, 'users-own');
    mkdirSync(join(dir, 'rules'), { recursive: true });
    writeFileSync(
      join(dir, 'prometheus.yml'),
      'rule_files: ["rules/*.yml"]\nscrape_configs:\n  - job_name: self\n    static_configs: [{targets: ["localhost:9090"]}]\n',
    );
    writeFileSync(
      join(dir, 'rules', 'good.yml'),
      'groups:\n  - name: g\n    rules:\n      - record: a\n        expr: up\n',
    );
    writeFileSync(
      join(dir, 'rules', 'bad.yml'),
      'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: "up =="\n',
    );
    const { code, stdout } = promstead(freshHome('own'), 'config', 'check', join(dir, 'prometheus.yml'));
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL {2}rules\/bad\.yml$/m);
    expect(stdout).toMatch(/^ok {4}rules\/good\.yml$/m);
    expect(stdout).toMatch(/not valid \(checked by promtool/);
  });
});
