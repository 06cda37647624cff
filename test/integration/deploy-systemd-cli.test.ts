// The systemd method end to end from a terminal, against the lab's systemd host, as an
// offline homelab user meets it: from a fresh data folder, add the host as root; a systemd
// apply fails naming `promstead binary add` (empty cache, no Internet); the user caches
// Debian's node_exporter by hand, sees it listed with its sha256, applies (verified by
// scraping), plans again (no changes) and uninstalls, leaving the host as it was.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256File } from '../../electron/services/binaries/systemd-binary-cache';
import { SshConnectionPool, type SshHost } from '../../electron/services/ssh';
import { labSystemdHost } from '../lab/lab-facts';
import { removeSystemdFootprint } from './fixtures/deploy-systemd';
import { runPromstead, type CliRun } from './fixtures/promstead-cli';

const execFileAsync = promisify(execFile);
const address = labSystemdHost.address;
// 388xx, and names of its own: deploy-systemd.test.ts uses 38891 and pdsd-*.
const port = 38892;
const unitName = 'pdsc-node_exporter.service';
const binaryPath = '/usr/local/bin/pdsc-node_exporter';
const user = 'pdsc_node';
const textfileParent = '/var/lib/pdsc-node';
/** Debian's node_exporter on this machine: the file an offline user would carry over. */
const debianBinary = '/usr/bin/prometheus-node-exporter';
const params = [
  '--param',
  `port=${port}`,
  '--param',
  `binaryPath=${binaryPath}`,
  '--param',
  `user=${user}`,
  '--param',
  `textfileDirectory=${textfileParent}/textfile`,
];

let home = '';
let pool: SshConnectionPool | undefined;
let rootShell: SshHost;
let fingerprint = '';
/** The upstream version of Debian's package (1.5.0-1+b6 → 1.5.0). */
let debianVersion = '';
let pristine: string[] = [];

const promstead = (...args: string[]): Promise<CliRun> => runPromstead(home, ...args);

/** Everything the deploy may touch, as root sees it (exit status and output of each look). */
async function snapshot(): Promise<string[]> {
  const looks: string[][] = [
    ['cat', '--', `/etc/systemd/system/${unitName}`],
    ['stat', '-c', '%n %a %U %G %s', '--', binaryPath],
    ['getent', 'passwd', user],
    ['getent', 'group', user],
    ['systemctl', 'list-unit-files', '--no-legend', '--', unitName],
    ['systemctl', 'is-active', '--', unitName],
    ['stat', '-c', '%n', '--', textfileParent],
    ['ls', '-A', '/root', '/usr/local/bin', '/etc/systemd/system'],
  ];
  const out: string[] = [];
  for (const argv of looks) {
    const result = await rootShell.exec(argv);
    out.push(`${argv.join(' ')} => ${result.code} ${result.stdout.trim()}`);
  }
  return out;
}

/** What a run that died half-way may have left: only this file's own names. */
function removeLeftovers(): Promise<void> {
  return removeSystemdFootprint(rootShell, { unitName, binaryPath, user, directory: textfileParent }, [
    `${textfileParent}/textfile`,
    textfileParent,
  ]);
}

beforeAll(async () => {
  const { stdout: keygen } = await execFileAsync('ssh-keygen', ['-lf', labSystemdHost.hostPublicKeyPath]);
  fingerprint = keygen.split(' ')[1] ?? '';
  expect(fingerprint).toMatch(/^SHA256:/);
  const { stdout: packageVersion } = await execFileAsync('dpkg-query', [
    '-W',
    '-f=${Version}',
    'prometheus-node-exporter',
  ]);
  debianVersion = /^(?:\d+:)?(\d+\.\d+\.\d+)/.exec(packageVersion.trim())?.[1] ?? '';
  expect(debianVersion, packageVersion).toMatch(/^\d+\.\d+\.\d+$/);

  pool = new SshConnectionPool({ connectTimeoutMs: 10_000 });
  rootShell = pool.host({
    host: address,
    port: labSystemdHost.sshPort,
    username: 'root',
    auth: { kind: 'privateKey', privateKeyPath: labSystemdHost.privateKeyPath },
    hostKeyFingerprint: fingerprint,
  });
  // No answer fails the file (in CI as anywhere): the lab must be up.
  expect((await rootShell.run(['systemctl', 'is-system-running'])).stdout.trim()).toMatch(/running|degraded/);
  await removeLeftovers();
  pristine = await snapshot();
  expect(pristine.join('\n')).toContain(`getent passwd ${user} => 2`);

  home = await mkdtemp(join(tmpdir(), 'promstead-deploy-systemd-cli-'));
  // What an offline user pins once: the version of the binary they carry over, so the
  // deploy asks the cache for that release rather than the catalog's newer one.
  const settings = { exporterVersions: { node_exporter: debianVersion } };
  await writeFile(join(home, 'settings.json'), JSON.stringify({ version: 1, data: settings }));
});

afterAll(async () => {
  if (pool) {
    await removeLeftovers().catch(() => undefined);
    await pool.closeAll();
  }
  if (home) await rm(home, { recursive: true, force: true });
});

describe('promstead with --method systemd (the real command, on the lab systemd host)', () => {
  it('fails naming `binary add` while the cache is empty, then installs from the binary added by hand and uninstalls to what was there', async () => {
    const added = await promstead(
      'host',
      'add',
      `root@${address}`,
      '--key',
      labSystemdHost.privateKeyPath,
      '--fingerprint',
      fingerprint,
      '--name',
      'homeserver',
    );
    expect(added.code, added.stderr).toBe(0);

    // The lab has no Internet: the download fails, and the message says how to fill the cache.
    const offline = await promstead(
      'deploy',
      'apply',
      'homeserver',
      'node_exporter',
      ...params,
      '--method',
      'systemd',
      '--yes',
    );
    expect(offline.code).toBe(1);
    expect(offline.stderr).toMatch(/^error TRANSPORT: Could not download /m);
    expect(offline.stderr).toContain(
      `\`promstead binary add node_exporter <file> --version ${debianVersion} --arch amd64\``,
    );
    expect(await snapshot()).toEqual(pristine);

    const cached = await promstead(
      'binary',
      'add',
      'node_exporter',
      debianBinary,
      '--version',
      debianVersion,
    );
    expect(cached.code, cached.stderr).toBe(0);
    expect(cached.stdout).toContain(`added node_exporter ${debianVersion} (amd64)`);
    const listed = await promstead('binary', 'list', '--json');
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({
        exporter: 'node_exporter',
        version: debianVersion,
        arch: 'amd64',
        sha256: await sha256File(debianBinary),
        intact: true,
      }),
    ]);

    const plan = await promstead(
      'deploy',
      'plan',
      'homeserver',
      'node_exporter',
      ...params,
      '--method',
      'systemd',
    );
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(
      new RegExp(`^install-binary +node_exporter +Install node_exporter ${debianVersion} \\(amd64\\)`, 'm'),
    );
    expect(plan.stdout).toMatch(/^install-unit +node_exporter/m);
    expect(await snapshot()).toEqual(pristine);

    const applied = await promstead(
      'deploy',
      'apply',
      'homeserver',
      'node_exporter',
      ...params,
      '--method',
      'systemd',
      '--yes',
    );
    expect(applied.stderr, applied.stderr).not.toMatch(/^error/m);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain(`verified  node_exporter  http://${address}:${port}/metrics`);
    expect(applied.stdout).toMatch(/^ {6}node_/m);
    expect((await rootShell.run(['systemctl', 'is-active', '--', unitName])).stdout.trim()).toBe('active');

    const again = await promstead(
      'deploy',
      'plan',
      'homeserver',
      'node_exporter',
      ...params,
      '--method',
      'systemd',
    );
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('homeserver: no changes');
    // Without --method, a host with no Docker comes to the same answer.
    const auto = await promstead('deploy', 'plan', 'homeserver', 'node_exporter', ...params);
    expect(auto.stdout, auto.stderr).toContain('homeserver: no changes');

    const removed = await promstead('uninstall', 'homeserver', '--json');
    expect(removed.code, removed.stderr).toBe(0);
    const result = JSON.parse(removed.stdout) as { removed: string[]; kept: string[] };
    expect(result.kept).toEqual([]);
    expect(result.removed).toContain(`user ${user}`);
    expect(await snapshot()).toEqual(pristine);

    // The cache outlives the uninstall (the next deploy needs it), and can be emptied.
    const emptied = await promstead('binary', 'remove', 'node_exporter', '--version', debianVersion);
    expect(emptied.code, emptied.stderr).toBe(0);
    expect(JSON.parse((await promstead('binary', 'list', '--json')).stdout)).toEqual([]);
  }, 300_000);
});
