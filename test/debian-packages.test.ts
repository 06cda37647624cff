// Guard: every program the tests, the lab and the benchmarks start on this machine is
// provided by a package on test/debian-packages.txt (or by one every Debian system has),
// so a fresh machine that installs the list can run every suite.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labImages } from './lab/lab-facts';
import {
  candidatePaths,
  installedPackages,
  packageOwners,
  unaccountedPrograms,
  type UnaccountedProgram,
} from './debian-package-owners';
import { packagesFor, parseDebianPackageList, readDebianPackageList } from './debian-packages';
import { findProgramUses, programUsesIn, type ProgramUse } from './program-uses';

const root = resolve(import.meta.dirname, '..');
/** Everything that runs here: product code (the unit suite runs it), tests, lab, bench, scripts. */
const scannedDirectories = [
  ...['electron', 'shared', 'renderer/src', 'test', 'bench', 'scripts', 'bin', 'build'],
  ...['playwright.config.ts', 'vitest.config.ts', 'electron.vite.config.ts'],
];

/**
 * Absolute paths and names in the source that are not programs of this machine, each
 * with the reason. Kept short: an entry must still occur in the source (checked below).
 */
const notProgramsOfThisMachine: Record<string, string> = {
  '/usr/bin/x': 'a made-up binaryPath in validation and rendering tests; never started',
  '/sbin/init': "the remote host's init, read there with readlink by preflight",
  '/sbin/openrc-init': "a remote host's init in preflight's classification tests",
  '/bin/node_exporter': "an entrypoint inside the lab's node_exporter image",
  '/bin/blackbox_exporter': "an entrypoint inside the lab's blackbox_exporter image",
  '/bin/snmp_exporter': "an entrypoint inside the lab's snmp_exporter image",
  '/bin/postgres_exporter': "an entrypoint inside the lab's postgres_exporter image",
  '/bin/mysqld_exporter': "an entrypoint inside the lab's mysqld_exporter image",
  '/bin/pushgateway': "an entrypoint inside the lab's pushgateway image",
  arp: 'discovery runs arp on macOS and Windows only; on Linux it reads /proc/net/arp',
  'xdg-open': 'browser mode opens the page with it where it exists and prints the address otherwise',
};

const haveDpkg = existsSync('/usr/bin/dpkg-query');

function describeProblem({ use, owners }: UnaccountedProgram): string {
  const where = `${use.file}:${use.line} starts ${use.program}`;
  return owners.length > 0
    ? `${where}, which ${owners.join(' or ')} provides: not on test/debian-packages.txt`
    : `${where}, which no package installed here provides: add the package that ships it to ` +
        'test/debian-packages.txt (or, if it is listed, run scripts/debian-packages.sh as root)';
}

function check(uses: readonly ProgramUse[], listed: readonly string[]): string[] {
  const programs = [...new Set(uses.map((use) => use.program))];
  const owners = packageOwners(programs.flatMap(candidatePaths));
  return unaccountedPrograms(uses, listed, installedPackages(), owners).map(describeProblem);
}

describe('test/debian-packages.txt', () => {
  const entries = readDebianPackageList();

  it('parses, with each package once and a reason for it', () => {
    const names = entries.map((entry) => entry.name);
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });

  it('refuses a malformed line, naming it', () => {
    expect(() => parseDebianPackageList('nmap bench\n')).toThrow(/line 1: no "# why" comment/);
    expect(() => parseDebianPackageList('\nnmap benches # why\n')).toThrow(/line 2: suites must be/);
    expect(() => parseDebianPackageList('Nmap bench # why\n')).toThrow(
      /line 1: "Nmap" is not a Debian package/,
    );
    expect(() => parseDebianPackageList('nmap bench extra # why\n')).toThrow(/unexpected "extra"/);
  });

  it("lists, for the lab, every package the lab's images are built from", () => {
    const lab = packagesFor('lab', entries);
    expect(labImages.map((image) => image.debianPackage).filter((name) => !lab.includes(name))).toEqual([]);
  });
});

describe('programs the source starts', () => {
  it('are found as absolute paths, as spawned names and as daemon argv', () => {
    const text = [
      "const tool = '/usr/bin/promtool';",
      "await run('ip', ['link']);",
      "execFileSync('tar', ['-tf', file]);",
      "lane.run('the deploy to nas', job, work);",
      "probe.tool('ss');",
      "startForegroundDaemon({ argv: ['snmpd', '-f'] });",
      "spawnLines('/nonexistent/fping', []);",
      "const shell = '/usr/bin/x; rm -rf /';",
    ].join('\n');
    expect(programUsesIn('sample.ts', text)).toEqual([
      { program: '/usr/bin/promtool', file: 'sample.ts', line: 1 },
      { program: 'ip', file: 'sample.ts', line: 2 },
      { program: 'tar', file: 'sample.ts', line: 3 },
      { program: 'snmpd', file: 'sample.ts', line: 6 },
    ]);
  });

  it('include the programs this guard was written for', () => {
    const programs = new Set(findProgramUses(root, scannedDirectories).map((use) => use.program));
    for (const program of [
      'nmap',
      '/usr/bin/prometheus-pushgateway',
      '/usr/bin/redis-server',
      'systemd-analyze',
    ])
      expect(programs).toContain(program);
  });

  it('keeps its list of exceptions true: each still occurs in the source', () => {
    const programs = new Set(findProgramUses(root, scannedDirectories).map((use) => use.program));
    expect(Object.keys(notProgramsOfThisMachine).filter((program) => !programs.has(program))).toEqual([]);
  });
});

describe.skipIf(!haveDpkg && !process.env.CI)('every program started here comes from the list', () => {
  const uses = findProgramUses(root, scannedDirectories).filter(
    (use) => !(use.program in notProgramsOfThisMachine),
  );

  it('is provided by a package on the list or by one every Debian system has', () => {
    expect(
      check(
        uses,
        readDebianPackageList().map((entry) => entry.name),
      ),
    ).toEqual([]);
  });

  it('fails, naming file and program, for the lists this replaced (test.sh and the lab each had their own)', () => {
    const before = [
      ...[
        'chromium',
        'fping',
        'iputils-ping',
        'openssh-client',
        'prometheus',
        'prometheus-blackbox-exporter',
      ],
      ...['prometheus-node-exporter', 'systemd', 'docker-compose', 'mariadb-client-core', 'openssl'],
      ...['iproute2', 'iptables', 'util-linux', 'procps', 'tar', 'docker.io', 'docker-registry'],
      ...['openssh-server', 'snmpd', 'snmp', 'postgresql', 'mariadb-server', 'redis-server', 'debootstrap'],
      ...labImages.map((image) => image.debianPackage),
    ];
    const problems = check(uses, before);
    expect(problems).toContainEqual(
      expect.stringMatching(/^bench\/discovery\.bench\.ts:\d+ starts nmap, which nmap provides: not on/),
    );
    expect(problems).toContainEqual(expect.stringMatching(/ starts curl, which curl provides/));
  });
});
