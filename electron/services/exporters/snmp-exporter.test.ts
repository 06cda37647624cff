import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderComposeFile } from './compose-file';
import { fillSecretTemplate, referencesSecrets, secretReference } from './secret-template';
import {
  SnmpExporterParamsSchema,
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
const lookup = (id: string): string | undefined => testSecrets[id];

/** snmp.yml as configFiles writes it, filled as the deploy step fills it. */
function filledSnmpYaml(snmpParams: SnmpExporterParams): string {
  const file = snmpExporter.configFiles(snmpParams, 'compose').find(referencesSecrets);
  if (!file) throw new Error('no snmp.yml');
  return fillSecretTemplate(file, lookup);
}

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
    await expect(renderSnmpConfigFile(params(), secretReference)).toMatchFileSnapshot(
      '__golden__/snmp.yml.golden',
    );
    const parsed = parse(filledSnmpYaml(params())) as {
      auths: Record<string, unknown>;
      modules: Record<string, unknown>;
    };
    expect(Object.keys(parsed.auths)).toEqual(['nas_v1', 'public_v2', 'secure_v3']);
    expect(parsed.auths.nas_v1).toEqual({ community: testSecrets['snmp.nas'], version: 1 });
  });

  it('renders the per-module-auth layout for 0.21', async () => {
    await expect(renderSnmpConfigFile(params('0.21.0'), secretReference)).toMatchFileSnapshot(
      '__golden__/snmp-0.21.yml.golden',
    );
    const parsed = parse(filledSnmpYaml(params('0.21.0'))) as Record<
      string,
      { auth: unknown; version: number }
    >;
    expect(parsed.auths).toBeUndefined();
    expect(parsed.modules).toBeUndefined();
    expect(parsed['if_mib__secure_v3']?.version).toBe(3);
  });

  it('writes references in configFiles and fills them safely', () => {
    const file = snmpExporter.configFiles(params(), 'compose').find(referencesSecrets);
    expect(file).toMatchObject({
      path: '/etc/promstead/snmp_exporter/snmp.yml',
      mode: 0o600,
      secretEncoding: 'yaml',
      secretRefs: ['snmp.public', 'snmp.nas', 'snmp.v3.auth', 'snmp.v3.priv'],
    });
    expect(file?.content).not.toContain('auth-pass-123');
    const filled = parse(filledSnmpYaml(params())) as {
      auths: Record<string, { community?: string; password?: string }>;
    };
    expect(filled.auths.nas_v1?.community).toBe(testSecrets['snmp.nas']);
    expect(filled.auths.secure_v3?.password).toBe(testSecrets['snmp.v3.auth']);
  });

  it('refuses a v3 user name or context that smuggles a secret reference in', () => {
    for (const hostile of ['((promstead-secret:snmp.v3.priv))', 'x((promstead-secret:snmp.public))']) {
      const base = params();
      const v3 = base.auths[2];
      if (v3?.version !== 'v3') throw new Error('fixture changed');
      for (const auth of [
        { ...v3, username: hostile },
        { ...v3, contextName: hostile },
      ]) {
        const hostileParams = SnmpExporterParamsSchema.parse({
          ...base,
          auths: [base.auths[0], base.auths[1], auth],
        });
        expect(() => snmpExporter.configFiles(hostileParams, 'compose')).toThrow(/promstead-secret/);
      }
    }
  });

  it.runIf(process.platform === 'linux')(
    'is accepted by Debian’s snmp_exporter 0.21 (--dry-run and a live /metrics)',
    async () => {
      const text = filledSnmpYaml(params('0.21.0'));
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
    const text = filledSnmpYaml(params());
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
