import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  NumericOidSchema,
  builtinSnmpModules,
  renderGeneratorYaml,
  snmpLayoutFor,
  type GeneratorModule,
  type SnmpAuth,
} from './snmp-modules';

const auths: Record<string, SnmpAuth> = {
  public_v2: { version: 2, communitySecretId: 'snmp.public' },
  secure_v3: {
    version: 3,
    username: 'monitor',
    securityLevel: 'authNoPriv',
    authProtocol: 'SHA',
    passwordSecretId: 'snmp.v3',
  },
};
const modules: Record<string, GeneratorModule> = {
  cisco_switch: {
    walk: ['sysUpTime', 'interfaces', 'ifXTable', '1.3.6.1.2.1.31.1.1.1.6'],
    lookups: [{ source_indexes: ['ifIndex'], lookup: 'ifAlias' }],
    overrides: { ifAlias: { ignore: true }, ifType: { type: 'EnumAsInfo' } },
  },
};
const resolveSecret = (id: string): string => `test-${id}`;

describe('snmp modules', () => {
  it('picks the layout from the version', () => {
    expect(snmpLayoutFor('0.21.0')).toBe('legacy');
    expect(snmpLayoutFor('0.22.0')).toBe('legacy');
    expect(snmpLayoutFor('0.23.0')).toBe('split');
    expect(snmpLayoutFor('1.0.0')).toBe('split');
  });

  it('uses numeric OIDs only in the built-in modules', () => {
    for (const module of Object.values(builtinSnmpModules)) {
      for (const oid of [...module.walk, ...(module.get ?? [])])
        expect(NumericOidSchema.parse(oid)).toBe(oid);
      for (const metric of module.metrics) {
        expect(NumericOidSchema.parse(metric.oid)).toBe(metric.oid);
        for (const lookup of metric.lookups ?? [])
          expect(NumericOidSchema.parse(lookup.oid)).toBe(lookup.oid);
      }
    }
    for (const hostile of ['ifDescr', '1.3.6.1;rm', '1..3', '1.3.6.1\n']) {
      expect(NumericOidSchema.safeParse(hostile).success).toBe(false);
    }
  });

  it('renders generator.yml for both generators', async () => {
    const split = renderGeneratorYaml(modules, auths, 'split', resolveSecret);
    await expect(split).toMatchFileSnapshot('__golden__/snmp-generator.yml.golden');
    expect((parse(split) as { auths: Record<string, unknown> }).auths.public_v2).toEqual({
      community: 'test-snmp.public',
      version: 2,
    });
    const legacy = renderGeneratorYaml(modules, auths, 'legacy', resolveSecret, {
      cisco_switch: 'secure_v3',
    });
    await expect(legacy).toMatchFileSnapshot('__golden__/snmp-generator-0.21.yml.golden');
    expect(
      (parse(legacy) as { modules: Record<string, { version: number }> }).modules.cisco_switch?.version,
    ).toBe(3);
  });
});
