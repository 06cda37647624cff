import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderComposeFile } from './compose-file';
import {
  SnmpExporterParamsSchema,
  fillSnmpSecrets,
  renderSnmpConfigFile,
  snmpExporter,
  type SnmpExporterParams,
} from './snmp-exporter';
import { freeLoopbackPort, runTool, scrapeWhileRunning, withTempFiles } from './tool-checks';

const debianBinary = '/usr/bin/prometheus-snmp-exporter';

/** Test values only; the real ones come from the SecretStore. */
const testSecrets: Record<string, string> = {
  'snmp.public': 'public',
  'snmp.nas': 'n@s: "quoted" #not-a-comment',
  'snmp.v3.auth': 'auth-pass-123',
  'snmp.v3.priv': 'priv-pass-456',
};
const resolveSecret = (id: string): string => {
  const value = testSecrets[id];
  if (value === undefined) throw new Error(`no test secret ${id}`);
  return value;
};

function params(targetVersion?: string): SnmpExporterParams {
  return SnmpExporterParamsSchema.parse({
    ...(targetVersion ? { targetVersion } : {}),
    auths: [
      { name: 'public_v2', version: 'v2c', communitySecretId: 'snmp.public' },
      { name: 'nas_v1', version: 'v1', communitySecretId: 'snmp.nas' },
      {
        name: 'secure_v3',
        version: 'v3',
        username: 'monitor',
        securityLevel: 'authPriv',
        authProtocol: 'SHA256',
        passwordSecretId: 'snmp.v3.auth',
        privProtocol: 'AES',
        privPasswordSecretId: 'snmp.v3.priv',
      },
    ],
    polls: [
      { module: 'if_mib', auth: 'public_v2', targets: ['192.168.1.2', 'switch.lan'] },
      { module: 'if_mib', auth: 'secure_v3', targets: ['core.lan:1161'] },
      { module: 'synology', auth: 'nas_v1', targets: ['nas.lan'] },
      { module: 'unifi', auth: 'public_v2', targets: ['ap1.lan'] },
      { module: 'apc_ups', auth: 'public_v2', targets: ['ups.lan'] },
      { module: 'apc_pdu', auth: 'secure_v3', targets: ['pdu.lan'] },
    ],
  });
}

describe('snmp_exporter params', () => {
  it('rejects a poll naming an unknown auth, duplicate auths and hostile targets', () => {
    const base = { auths: [{ name: 'a', version: 'v2c', communitySecretId: 's' }] };
    expect(
      SnmpExporterParamsSchema.safeParse({
        ...base,
        polls: [{ module: 'if_mib', auth: 'b', targets: ['x'] }],
      }).success,
    ).toBe(false);
    expect(
      SnmpExporterParamsSchema.safeParse({
        auths: [...base.auths, ...base.auths],
        polls: [{ module: 'if_mib', auth: 'a', targets: ['x'] }],
      }).success,
    ).toBe(false);
    for (const target of ['x; rm -rf /', 'a b', '$(id)', "nas'"]) {
      expect(
        SnmpExporterParamsSchema.safeParse({
          ...base,
          polls: [{ module: 'if_mib', auth: 'a', targets: [target] }],
        }).success,
      ).toBe(false);
    }
  });

  it('requires v3 keys for the security level', () => {
    const v3 = { name: 'v3', version: 'v3', username: 'u', securityLevel: 'authPriv', passwordSecretId: 'p' };
    expect(
      SnmpExporterParamsSchema.safeParse({
        auths: [v3],
        polls: [{ module: 'if_mib', auth: 'v3', targets: ['x'] }],
      }).success,
    ).toBe(false);
  });
});

describe('snmp.yml', () => {
  it('renders the split layout for ≥ 0.23', async () => {
    const text = renderSnmpConfigFile(params(), resolveSecret);
    await expect(text).toMatchFileSnapshot('__golden__/snmp.yml.golden');
    const parsed = parse(text) as { auths: Record<string, unknown>; modules: Record<string, unknown> };
    expect(Object.keys(parsed.auths)).toEqual(['nas_v1', 'public_v2', 'secure_v3']);
    expect(parsed.auths.nas_v1).toEqual({ community: testSecrets['snmp.nas'], version: 1 });
  });

  it('renders the per-module-auth layout for 0.21', async () => {
    const text = renderSnmpConfigFile(params('0.21.0'), resolveSecret);
    await expect(text).toMatchFileSnapshot('__golden__/snmp-0.21.yml.golden');
    const parsed = parse(text) as Record<string, { auth: unknown; version: number }>;
    expect(parsed.auths).toBeUndefined();
    expect(parsed.modules).toBeUndefined();
    expect(parsed['if_mib__secure_v3']?.version).toBe(3);
  });

  it('writes placeholders in configFiles and fills them safely', () => {
    const files = snmpExporter.configFiles(params(), 'compose');
    const file = files.find((entry) => entry.path.endsWith('/snmp.yml'));
    const content = file && 'content' in file ? file.content : '';
    expect(content).not.toContain('auth-pass-123');
    expect(file?.mode).toBe(0o600);
    const filled = parse(fillSnmpSecrets(content, resolveSecret)) as {
      auths: Record<string, { community?: string }>;
    };
    expect(filled.auths.nas_v1?.community).toBe(testSecrets['snmp.nas']);
  });

  it.runIf(process.platform === 'linux')(
    'is accepted by Debian’s snmp_exporter 0.21 (--dry-run and a live /metrics)',
    async () => {
      const text = renderSnmpConfigFile(params('0.21.0'), resolveSecret);
      await withTempFiles({ 'snmp.yml': text }, async (directory) => {
        const config = `--config.file=${directory}/snmp.yml`;
        const dryRun = await runTool(debianBinary, [config, '--dry-run']);
        expect(dryRun.stderr + dryRun.stdout).not.toMatch(/error/i);
        expect(dryRun.code).toBe(0);
        const port = await freeLoopbackPort();
        const metrics = await scrapeWhileRunning(
          debianBinary,
          [config, `--web.listen-address=127.0.0.1:${port}`],
          port,
        );
        expect(metrics).toContain('snmp_exporter_build_info');
      });
    },
  );

  it('Debian’s 0.21 rejects the split layout, which is why both are rendered', async () => {
    const text = renderSnmpConfigFile(params(), resolveSecret);
    await withTempFiles({ 'snmp.yml': text }, async (directory) => {
      const dryRun = await runTool(debianBinary, [`--config.file=${directory}/snmp.yml`, '--dry-run']);
      expect(dryRun.code).not.toBe(0);
    });
  });
});

describe('snmp_exporter artefacts', () => {
  it('renders container and compose', async () => {
    const container = snmpExporter.dockerContainer(params(), {});
    await expect(JSON.stringify(container, null, 2) + '\n').toMatchFileSnapshot(
      '__golden__/snmp_exporter-container.json.golden',
    );
    const compose = renderComposeFile([snmpExporter.composeService(params(), {})]);
    await expect(compose).toMatchFileSnapshot('__golden__/snmp_exporter-compose.yml.golden');
  });

  it('passes module and auth per scrape for ≥ 0.23, only module for 0.21', () => {
    const split = snmpExporter.scrapeJobs(params(), { host: 'mon.lan', tier: 'standard' }).multiTargetJobs;
    expect(split[0]).toMatchObject({ module: 'if_mib', auth: 'public_v2', metricsPath: '/snmp' });
    const legacy = snmpExporter.scrapeJobs(params('0.21.0'), {
      host: 'mon.lan',
      tier: 'standard',
    }).multiTargetJobs;
    expect(legacy[0]?.module).toBe('if_mib__public_v2');
    expect(legacy[0]?.auth).toBeUndefined();
  });
});
