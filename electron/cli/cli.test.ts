// Runs the real `promstead` command as a user would, in its own data folder.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'promstead.mjs');
const home = mkdtempSync(join(tmpdir(), 'promstead-cli-'));

function promstead(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, PROMSTEAD_HOME: home },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('promstead CLI', () => {
  it('info --json prints the real data folder and every capability', () => {
    const { code, stdout } = promstead('info', '--json');
    expect(code).toBe(0);
    const info = JSON.parse(stdout) as {
      dataDir: string;
      transport: string;
      capabilities: Record<string, { status: string; detail: string }>;
    };
    expect(info.dataDir).toBe(home);
    expect(info.transport).toBe('cli');
    expect(Object.keys(info.capabilities).sort()).toEqual(['docker', 'fping', 'icmp', 'ping', 'sshAgent']);
    for (const capability of Object.values(info.capabilities)) {
      expect(['ok', 'warn', 'missing']).toContain(capability.status);
      expect(capability.detail.length).toBeGreaterThan(10);
    }
  });

  it('self-test --json runs every check, and jobs lists it afterwards as done', () => {
    const test = promstead('self-test', '--json');
    expect(test.code).toBe(0);
    const result = JSON.parse(test.stdout) as { checks: { name: string }[] };
    expect(result.checks.map((check) => check.name)).toEqual(['icmp', 'fping', 'ping', 'docker', 'sshAgent']);
    const jobs = promstead('jobs', '--json');
    expect(jobs.code).toBe(0);
    expect(JSON.parse(jobs.stdout)).toContainEqual(
      expect.objectContaining({ operation: 'diagnostics.selfTest', state: 'done' }),
    );
    expect(promstead('jobs').stdout).toMatch(/diagnostics\.selfTest\s+done/);
  });

  it('exits with 2 and says what was wrong for usage errors', () => {
    for (const args of [
      ['bogus'],
      [],
      ['self-test', '--repeat', '0'],
      ['info', '--port', '1'],
      ['serve', '--host', '0.0.0.0'],
    ]) {
      const { code, stderr } = promstead(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toContain('promstead --help');
    }
    // Five real processes one after another: room for a busy machine (a hang still fails).
  }, 90_000);

  it('prints help and version with exit 0', () => {
    expect(promstead('--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('self-test') });
    expect(promstead('--version').stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('promstead exporter', () => {
  it('lists the catalog and shows a systemd install with its unit, scripts and scrape job', () => {
    const list = promstead('exporter', 'list', '--json');
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { id: string }[]).map((entry) => entry.id)).toContain('node_exporter');
    const show = promstead(
      'exporter',
      'show',
      'node_exporter',
      '--style',
      'systemd',
      '--param',
      'port=9101',
      '--json',
    );
    expect(show.code).toBe(0);
    const artefacts = JSON.parse(show.stdout) as { id: string; content: string }[];
    expect(artefacts.map((artefact) => artefact.id)).toEqual(
      expect.arrayContaining(['systemd-unit', 'install-script', 'uninstall-script', 'scrape-config']),
    );
    expect(artefacts.find((artefact) => artefact.id === 'systemd-unit')?.content).toContain(
      '--web.listen-address=:9101',
    );
    expect(artefacts.find((artefact) => artefact.id === 'scrape-config')?.content).toContain(':9101');
  });

  it('refuses bad parameters and styles an exporter lacks, with the reason', () => {
    const bad = promstead('exporter', 'show', 'node_exporter', '--param', 'port=0');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/VALIDATION.*port/);
    const style = promstead('exporter', 'show', 'blackbox_exporter', '--style', 'systemd');
    expect(style.code).toBe(1);
    expect(style.stderr).toMatch(/does not install as systemd/);
    expect(promstead('exporter', 'show', 'nope').stderr).toMatch(/NOT_FOUND/);
  });
});

describe('promstead binary', () => {
  /** A file with an amd64 ELF executable's header: all the cache reads of it. */
  const fakeBinary = join(home, 'node_exporter-amd64');
  const header = Buffer.alloc(64);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]).copy(header);
  header.writeUInt16LE(2, 16);
  header.writeUInt16LE(62, 18);
  writeFileSync(fakeBinary, Buffer.concat([header, Buffer.from('program')]));

  it('adds a binary under the version given, lists it with its sha256, and removes it', () => {
    const added = promstead('binary', 'add', 'node_exporter', fakeBinary, '--version', '1.2.3', '--json');
    expect(added.code, added.stderr).toBe(0);
    const sha256 = createHash('sha256').update(readFileSync(fakeBinary)).digest('hex');
    expect(JSON.parse(added.stdout)).toMatchObject({
      binary: { exporter: 'node_exporter', version: '1.2.3', arch: 'amd64', sha256, size: 71 },
    });
    expect(JSON.parse(promstead('binary', 'list', '--json').stdout)).toEqual([
      expect.objectContaining({ version: '1.2.3', sha256, intact: true }),
    ]);
    expect(promstead('binary', 'list').stdout).toMatch(
      new RegExp(`^node_exporter +1\\.2\\.3 +amd64 .*${sha256}`, 'm'),
    );
    expect(promstead('binary', 'remove', 'node_exporter', '--version=1.2.3')).toMatchObject({
      code: 0,
      stdout: 'removed node_exporter 1.2.3 (amd64)\n',
    });
    expect(promstead('binary', 'remove', 'node_exporter').stderr).toMatch(
      /^error NOT_FOUND: The cache holds no node_exporter/,
    );
  }, 60_000);

  it('refuses a file that is no executable for the arch, and bad options, with the reason', () => {
    const wrongArch = promstead('binary', 'add', 'node_exporter', fakeBinary, '--arch', 'arm64');
    expect(wrongArch).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^error VALIDATION: .*built for amd64, not arm64/),
    });
    const notElf = promstead('binary', 'add', 'node_exporter', bin);
    expect(notElf).toMatchObject({ code: 1, stderr: expect.stringMatching(/is a script/) });
    expect(promstead('binary', 'add', 'node_exporter', fakeBinary, '--version', 'latest').code).toBe(2);
    expect(promstead('binary', 'add', 'node_exporter', fakeBinary, '--arch', 'sparc').stderr).toMatch(
      /--arch must be one of/,
    );
    // --version without a value names --version, not the option it stands for inside.
    expect(promstead('binary', 'add', 'node_exporter', fakeBinary, '--version').stderr).toMatch(
      /'--version <value>'/,
    );
  }, 60_000);
});
