// A whole discovery of the lab from the workstation: through the engine's API, through
// the CLI (also as an unprivileged user without ICMP), and cancelled midway.
import { execFile, spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTerminalEvent, type DiscoveredHost, type JobEvent, type ScanResult } from '@shared/contract';
import { Engine } from '../../electron/services/engine';
import { labHosts, labSnmp, labSubnet, lanAddresses } from '../lab/lab-facts';

const execFileAsync = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'promstead.mjs');
/** Every address that answers in the lab. */
const liveAddresses = [...lanAddresses];

type Summary = { address: string; kind: string; vendor?: string; model?: string };
const summarize = (hosts: DiscoveredHost[]): Summary[] =>
  hosts.map((host) => ({
    address: host.address,
    kind: host.classification.kind,
    vendor: host.classification.vendor,
    model: host.classification.model,
  }));

let dataDir: string;
let engine: Engine;
/** The first API scan's inventory, which the CLI's must equal. */
let apiScanHosts: DiscoveredHost[] = [];

async function scan(input: unknown): Promise<{ terminal: JobEvent; streamed: DiscoveredHost[] }> {
  const streamed: DiscoveredHost[] = [];
  let jobId = '';
  const unsubscribe = engine.onJobEvent((event) => {
    if (event.jobId === jobId && event.type === 'data' && event.topic === 'discovery.host')
      streamed.push(event.data as DiscoveredHost);
  });
  const started = await engine.invoke('discovery.scan', input, 'test');
  if (!started.ok) throw new Error(started.error.message);
  jobId = (started.data as { jobId: string }).jobId;
  const terminal = await engine.waitForJob(jobId);
  unsubscribe();
  return { terminal, streamed };
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'promstead-scan-'));
  engine = await Engine.open({ dataDir, transport: 'cli', version: 'test' });
});
afterAll(async () => {
  await engine?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a scan of the lab through the API', () => {
  let hosts: DiscoveredHost[];
  let result: ScanResult;

  beforeAll(async () => {
    const { terminal, streamed } = await scan({ targets: [labSubnet] });
    expect(terminal.type).toBe('done');
    result = (terminal as { result: ScanResult }).result;
    expect(streamed.length).toBeGreaterThanOrEqual(liveAddresses.length);
    const inventory = await engine.invoke('discovery.inventory', {}, 'test');
    hosts = inventory.ok ? (inventory.data as { hosts: DiscoveredHost[] }).hosts : [];
    apiScanHosts = hosts;
    const saved = inventory.ok ? (inventory.data as { lastScan?: ScanResult }).lastScan : undefined;
    expect(saved).toMatchObject({ livenessMethod: 'fping', hostsFound: liveAddresses.length });
  });

  it('finds exactly the live hosts, by ICMP', () => {
    expect(hosts.map((host) => host.address)).toEqual(liveAddresses);
    expect(result).toMatchObject({
      hostsFound: liveAddresses.length,
      addressesScanned: 254,
      livenessMethod: 'fping',
    });
    expect(hosts.every((host) => host.liveness === 'icmp')).toBe(true);
  });

  it('classifies the NAS, the switch and the access point with vendor and model, and explains why', () => {
    const byAddress = new Map(hosts.map((host) => [host.address, host]));
    const nas = byAddress.get(labHosts.nas.address);
    expect(nas?.classification).toMatchObject({
      kind: 'nas',
      vendor: 'Synology',
      model: labSnmp.agents.nas.vendorOids.modelName.value,
    });
    expect(nas?.classification.evidence.join('\n')).toMatch(/Synology/);
    expect(nas?.snmp).toMatchObject({ sysName: 'DiskStation', version: 'v2c' });
    expect(nas?.services.map((service) => service.service)).toEqual(
      expect.arrayContaining(['ssh', 'postgres', 'mysql', 'redis']),
    );
    expect(byAddress.get(labHosts.switch.address)?.classification).toMatchObject({
      kind: 'switch',
      vendor: expect.stringMatching(/TP-Link/i),
    });
    expect(byAddress.get(labHosts.accessPoint.address)?.classification).toMatchObject({
      kind: 'access-point',
      vendor: expect.stringMatching(/Ubiquiti/i),
      model: labSnmp.agents.accessPoint.vendorOids.model.value,
    });
    expect(byAddress.get(labHosts.printer.address)?.classification.kind).toBe('unknown');
  });

  it('suggests exporters with reasons: node_exporter and the database exporters on the NAS, snmp_exporter on the switch', () => {
    const nas = hosts.find((host) => host.address === labHosts.nas.address);
    const nasSuggestions = nas?.suggestions.map((suggestion) => suggestion.exporter) ?? [];
    expect(nasSuggestions).toEqual(
      expect.arrayContaining([
        'node_exporter',
        'postgres_exporter',
        'mysqld_exporter',
        'redis_exporter',
        'blackbox_icmp',
      ]),
    );
    expect(nas?.suggestions.every((suggestion) => suggestion.reason.length > 10)).toBe(true);
    const sw = hosts.find((host) => host.address === labHosts.switch.address);
    expect(sw?.suggestions.map((suggestion) => suggestion.exporter)).toContain('snmp_exporter');
  });

  it('keeps a user-given name across a rescan, and leaves hosts outside the rescanned range as they were', async () => {
    const annotated = await engine.invoke(
      'discovery.annotate',
      { address: labHosts.nas.address, name: 'Basement NAS', notes: 'DS920+' },
      'test',
    );
    expect(annotated.ok).toBe(true);
    const { terminal, streamed } = await scan({
      targets: [`${labHosts.nas.address}`, '10.203.0.99'],
      snmp: { enabled: false },
    });
    // Hosts stream with the name the user gave them, not only once saved.
    expect(streamed.filter((host) => host.address === labHosts.nas.address).at(-1)?.name).toBe(
      'Basement NAS',
    );
    expect(terminal.type).toBe('done');
    const again = await engine.invoke('discovery.inventory', {}, 'test');
    const inventory = again.ok ? (again.data as { hosts: DiscoveredHost[] }).hosts : [];
    expect(inventory.find((host) => host.address === labHosts.nas.address)).toMatchObject({
      name: 'Basement NAS',
      notes: 'DS920+',
      seenInLastScan: true,
    });
    // Not in the rescanned range: left as it was.
    expect(inventory.find((host) => host.address === labHosts.switch.address)?.seenInLastScan).toBe(true);
  });
});

describe('SNMPv3 in a scan', () => {
  async function v3Scan(authKey: string): Promise<DiscoveredHost | undefined> {
    const auth = await engine.invoke('secrets.put', { value: authKey, label: 'test auth' }, 'test');
    const priv = await engine.invoke(
      'secrets.put',
      { value: labSnmp.v3.privKey, label: 'test priv' },
      'test',
    );
    if (!auth.ok || !priv.ok) throw new Error('could not store the keys');
    const credential = {
      user: labSnmp.v3.user,
      level: 'authPriv',
      authProtocol: 'sha',
      authKeySecretId: (auth.data as { id: string }).id,
      privProtocol: 'aes',
      privKeySecretId: (priv.data as { id: string }).id,
    };
    const { terminal, streamed } = await scan({
      targets: [labHosts.nas.address],
      snmp: { communities: [], v3: [credential] },
    });
    expect(terminal.type).toBe('done');
    return streamed.filter((host) => host.address === labHosts.nas.address).at(-1);
  }

  it('reads the NAS with the right v3 keys', async () => {
    const nas = await v3Scan(labSnmp.v3.authKey);
    expect(nas?.snmp).toMatchObject({ version: 'v3', credential: labSnmp.v3.user, sysName: 'DiskStation' });
  });

  it('gives the host a clear authentication error with a wrong key, and the scan goes on', async () => {
    const nas = await v3Scan('not-the-auth-key');
    expect(nas?.snmp).toBeUndefined();
    expect(nas?.snmpError).toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringMatching(/authentication/i),
    });
    expect(nas?.services.length).toBeGreaterThan(0);
  });
});

describe('the CLI', () => {
  it('gives the same inventory as the API', async () => {
    const { stdout } = await execFileAsync(process.execPath, [bin, 'scan', labSubnet, '--json'], {
      env: { ...process.env, PROMSTEAD_HOME: dataDir },
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const cli = JSON.parse(stdout) as { hosts: DiscoveredHost[] };
    expect(apiScanHosts.length).toBe(liveAddresses.length);
    expect(summarize(cli.hosts)).toEqual(summarize(apiScanHosts));
  });

  it('as an unprivileged user without ICMP, falls back to TCP, marks hosts up (tcp) and says so', async () => {
    const home = await mkdtemp(join(tmpdir(), 'promstead-nobody-'));
    await chmod(home, 0o777);
    const range = (await readFile('/proc/sys/net/ipv4/ping_group_range', 'utf8')).trim().replace(/\s+/, ' ');
    await execFileAsync('sysctl', ['-q', '-w', 'net.ipv4.ping_group_range=1 0']);
    try {
      // Without CAP_NET_RAW in the bounding set, the system ping's file capability cannot
      // lift it either: this user cannot send ICMP at all, as on a locked-down desktop.
      const { stdout } = await execFileAsync(
        'setpriv',
        [
          '--reuid=65534',
          '--regid=65534',
          '--clear-groups',
          '--no-new-privs',
          '--bounding-set=-net_raw',
          process.execPath,
          bin,
          'scan',
          labSubnet,
          '--json',
          '--no-snmp',
          '--rate',
          '5000',
          '--timeout',
          '500',
        ],
        {
          env: { ...process.env, PROMSTEAD_HOME: join(home, 'data'), HOME: home },
          timeout: 120_000,
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      const { result, hosts } = JSON.parse(stdout) as { result: ScanResult; hosts: DiscoveredHost[] };
      expect(result.livenessMethod).toBe('tcp');
      expect(result.notes.join(' ')).toMatch(/ICMP is not permitted/i);
      expect(hosts.find((host) => host.address === labHosts.nas.address)?.liveness).toBe('tcp');
    } finally {
      await execFileAsync('sysctl', ['-q', '-w', `net.ipv4.ping_group_range=${range}`]);
      await rm(home, { recursive: true, force: true });
    }
  });

  it('stops every probe at once on Ctrl-C, leaving no child process', async () => {
    const child = spawn(process.execPath, [bin, 'scan', labSubnet, '--json', '--rate', '20'], {
      env: { ...process.env, PROMSTEAD_HOME: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const descendants = await childrenOf(child.pid ?? -1);
    process.kill(child.pid ?? -1, 'SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    for (const pid of descendants) expect(await isAlive(pid), `pid ${pid} outlived the scan`).toBe(false);
  });
});

describe('cancel through the API', () => {
  it('ends the job as cancelled, with no child process left', async () => {
    const started = await engine.invoke(
      'discovery.scan',
      { targets: [labSubnet], packetsPerSecond: 20 },
      'test',
    );
    if (!started.ok) throw new Error(started.error.message);
    const jobId = (started.data as { jobId: string }).jobId;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const children = await childrenOf(process.pid);
    await engine.invoke('jobs.cancel', { jobId }, 'test');
    const terminal = await engine.waitForJob(jobId);
    expect(isTerminalEvent(terminal) && terminal.type).toBe('cancelled');
    for (const pid of children) expect(await isAlive(pid)).toBe(false);
  });
});

async function childrenOf(parent: number): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[1]) === parent) found.push(Number(entry), ...(await childrenOf(Number(entry))));
  }
  return found;
}

async function isAlive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return stat !== '' && state !== 'Z';
}
