// querySnmp against the lab's real snmpd agents: who answers which credential, what it
// reads, how fast a silent host or a refusal comes back, and that cancelling stops it.
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { SnmpInfoSchema } from '@shared/contract';
import {
  querySnmp,
  type ResolvedV3Credential,
  type SnmpQueryOptions,
  type SnmpQueryResult,
} from '../../electron/services/snmp';
import { labHosts, labSnmp } from '../lab/lab-facts';
import { getV2c, walk } from './fixtures/snmp';
import { mapConcurrent } from '../../electron/services/concurrency';

const { nas, switch: lanSwitch, accessPoint, printer } = labHosts;
const agents = labSnmp.agents;
/** A LAN agent answers in milliseconds: the short timeout a scan uses. */
const lan: Pick<SnmpQueryOptions, 'timeoutMs' | 'retries' | 'port'> = {
  timeoutMs: 500,
  retries: 0,
  port: labSnmp.port,
};
const v2cOnly: SnmpQueryOptions = { ...lan, communities: [labSnmp.community], v3: [] };

const rightV3: ResolvedV3Credential = {
  user: labSnmp.v3.user,
  level: 'authPriv',
  authProtocol: 'sha',
  authKey: labSnmp.v3.authKey,
  privProtocol: 'aes',
  privKey: labSnmp.v3.privKey,
};

async function timed(query: Promise<SnmpQueryResult>): Promise<{ result: SnmpQueryResult; ms: number }> {
  const started = performance.now();
  const result = await query;
  return { result, ms: performance.now() - started };
}

const udpHandles = (): number => process.getActiveResourcesInfo().filter((name) => name === 'UDPWrap').length;

describe('querySnmp with v2c', () => {
  it('reads the NAS: system group, interfaces and the Synology model behind a generic sysObjectID', async () => {
    const { result, ms } = await timed(querySnmp(nas.address, v2cOnly));
    expect(result.error).toBeUndefined();
    const info = SnmpInfoSchema.parse(result.info);
    expect(info).toMatchObject({
      version: 'v2c',
      credential: 'community #1 (public)',
      sysDescr: agents.nas.sysDescr,
      sysObjectID: agents.nas.sysObjectID,
      sysName: agents.nas.sysName,
      sysLocation: agents.nas.sysLocation,
      sysContact: agents.nas.sysContact,
      vendor: {
        model: agents.nas.vendorOids.modelName.value,
        version: agents.nas.vendorOids.version.value,
        serial: agents.nas.vendorOids.serialNumber.value,
      },
    });
    expect(info.sysUpTimeSeconds).toBeGreaterThanOrEqual(0);
    // The NAS's interfaces change with its containers: compare with the agent's own table.
    const [ifNumber] = await getV2c(nas.address, ['1.3.6.1.2.1.2.1.0']);
    const statuses = await walk(nas.address, '1.3.6.1.2.1.2.2.1.8');
    expect(info.interfaces).toEqual({
      count: Number(ifNumber?.value),
      up: statuses.filter((row) => row.value === '1').length,
    });
    expect(info.interfaces?.count).toBeGreaterThanOrEqual(2);
    expect(ms).toBeLessThan(1000);
  });

  it('counts the switch ports from ifNumber and ifOperStatus', async () => {
    const { result } = await timed(querySnmp(lanSwitch.address, v2cOnly));
    const info = SnmpInfoSchema.parse(result.info);
    // lo and eth0 are up; each port and its veth peer are up or down together.
    const upPorts = labSnmp.switchPorts.filter((port) => port.up).length;
    expect(info).toMatchObject({
      version: 'v2c',
      sysName: agents.switch.sysName,
      sysObjectID: agents.switch.sysObjectID,
      interfaces: { count: 2 + 2 * labSnmp.switchPorts.length, up: 2 + 2 * upPorts },
    });
    expect(info.vendor).toBeUndefined();
  });

  it('reads the UniFi model and firmware of the access point', async () => {
    const { result } = await timed(querySnmp(accessPoint.address, v2cOnly));
    const info = SnmpInfoSchema.parse(result.info);
    expect(info).toMatchObject({
      sysName: agents.accessPoint.sysName,
      sysObjectID: agents.accessPoint.sysObjectID,
      vendor: {
        model: agents.accessPoint.vendorOids.model.value,
        version: agents.accessPoint.vendorOids.version.value,
      },
    });
  });

  it('reads a v1 agent with v1, absent vendor objects included', async () => {
    const { result } = await timed(querySnmp(nas.address, { ...v2cOnly, versions: ['v1'] }));
    expect(result.info).toMatchObject({
      version: 'v1',
      sysName: agents.nas.sysName,
      vendor: { model: agents.nas.vendorOids.modelName.value },
    });
    expect(result.info?.interfaces?.count).toBeGreaterThanOrEqual(2);
  });

  it('gives SNMP_TIMEOUT for a wrong community, without naming it', async () => {
    const { result, ms } = await timed(
      querySnmp(nas.address, { ...v2cOnly, communities: [labSnmp.wrongCommunity] }),
    );
    expect(result.info).toBeUndefined();
    expect(result.error?.code).toBe('SNMP_TIMEOUT');
    expect(result.error?.message).toContain(`No SNMP answer from ${nas.address} with community #1 (v2c, v1)`);
    expect(JSON.stringify(result)).not.toContain(labSnmp.wrongCommunity);
    expect(ms).toBeLessThan(1000);
  });

  it('gives SNMP_TIMEOUT for the printer (no agent) after about one timeout', async () => {
    const { result, ms } = await timed(querySnmp(printer.address, v2cOnly));
    expect(result.error).toMatchObject({ code: 'SNMP_TIMEOUT' });
    expect(result.error?.message).toMatch(
      /^No SNMP answer from 10\.203\.0\.30 with community public \(v2c, v1\)/,
    );
    expect(ms).toBeLessThan(lan.timeoutMs + 400);
  });
});

describe('querySnmp with v3', () => {
  it('reads the NAS with authPriv (SHA/AES) and prefers v3 to a community', async () => {
    const { result, ms } = await timed(
      querySnmp(nas.address, { ...lan, communities: [labSnmp.community], v3: [rightV3] }),
    );
    expect(result.error).toBeUndefined();
    expect(SnmpInfoSchema.parse(result.info)).toMatchObject({
      version: 'v3',
      credential: labSnmp.v3.user,
      sysName: agents.nas.sysName,
      vendor: { model: agents.nas.vendorOids.modelName.value },
    });
    expect(ms).toBeLessThan(1000);
  });

  it('gives UNAUTHORIZED for a wrong authentication key, within a few seconds', async () => {
    const { result, ms } = await timed(
      querySnmp(nas.address, { ...lan, communities: [], v3: [{ ...rightV3, authKey: 'wrong-auth-key' }] }),
    );
    expect(result.info).toBeUndefined();
    expect(result.error).toMatchObject({
      code: 'UNAUTHORIZED',
      message: `SNMPv3 authentication failed for user ${labSnmp.v3.user} on ${nas.address}: wrong authentication key or protocol`,
    });
    expect(JSON.stringify(result)).not.toContain('wrong-auth-key');
    expect(ms).toBeLessThan(3000);
  });

  it('gives UNAUTHORIZED naming the privacy key when only that is wrong', async () => {
    const { result } = await timed(
      querySnmp(nas.address, { ...lan, communities: [], v3: [{ ...rightV3, privKey: 'wrong-priv-key' }] }),
    );
    expect(result.error?.code).toBe('UNAUTHORIZED');
    expect(result.error?.message).toContain('wrong privacy key or protocol');
  });

  it('gives UNAUTHORIZED for an unknown user and for a level the user may not use', async () => {
    const unknown = await querySnmp(nas.address, {
      ...lan,
      communities: [],
      v3: [{ ...rightV3, user: 'nobody' }],
    });
    expect(unknown.error?.message).toContain('the agent does not know this user');
    const lowLevel = await querySnmp(nas.address, {
      ...lan,
      communities: [],
      v3: [{ user: rightV3.user, level: 'authNoPriv', authProtocol: 'sha', authKey: rightV3.authKey }],
    });
    expect(lowLevel.error).toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringContaining('authNoPriv'),
    });
  });

  it('still describes a host that answers a community, with the v3 refusal next to it', async () => {
    const { result } = await timed(
      querySnmp(nas.address, {
        ...lan,
        communities: [labSnmp.community],
        v3: [{ ...rightV3, authKey: 'wrong-auth-key' }],
      }),
    );
    expect(result.info).toMatchObject({ version: 'v2c', sysName: agents.nas.sysName });
    expect(result.error).toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringContaining('wrong authentication key or protocol'),
    });
  });
});

describe('querySnmp across the LAN', () => {
  it('asks all 254 addresses of the /24, 64 at a time; only the three agents answer', async () => {
    const addresses = Array.from({ length: 254 }, (_, index) => `10.203.0.${index + 1}`);
    const started = performance.now();
    const results = await mapConcurrent(addresses, 64, (address) => querySnmp(address, v2cOnly));
    const ms = performance.now() - started;
    const answered = addresses.filter((_, index) => results[index]?.info !== undefined);
    expect(answered.sort()).toEqual([lanSwitch.address, accessPoint.address, nas.address].sort());
    const otherCodes = new Set(results.filter((result) => !result.info).map((result) => result.error?.code));
    expect([...otherCodes]).toEqual(['SNMP_TIMEOUT']);
    // Four rounds of one 500 ms timeout each (v2c and v1 go out together).
    expect(ms).toBeLessThan(5000);
    console.info(`SNMP sweep of 254 addresses: ${Math.round(ms)} ms`);
  });

  it('closes every session and rejects with CANCELLED at once when aborted', async () => {
    const before = udpHandles();
    const controller = new AbortController();
    const query = querySnmp(printer.address, {
      ...lan,
      timeoutMs: 10_000,
      communities: [labSnmp.community, labSnmp.wrongCommunity],
      v3: [rightV3],
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(udpHandles()).toBeGreaterThan(before);
    controller.abort();
    await expect(query).rejects.toMatchObject({ code: 'CANCELLED' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(udpHandles()).toBe(before);
  });
});
