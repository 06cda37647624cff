// What discovery reads from an agent that answered: the system group, a count of
// interfaces, and the vendor scalars. Absent objects are normal (v1 agents say so
// with a noSuchName error for the whole request, so those fall back to one OID a request).
import type { SnmpInfo } from '@shared/contract';
import type { SnmpSession } from './snmp-session';
import { isAbsent, timeticksToSeconds, valueToNumber, valueToText, type RawSnmpValue } from './snmp-values';
import { ifOperStatusUp, interfaceOids, systemOids } from './standard-oids';
import { pickVendorInfo, vendorEntriesFor, vendorOidsOf } from './vendor-oids';

/** Enough for any home or small-office switch; a bound on packets for a chassis with thousands. */
export const maxInterfaceRows = 1024;
/** Rows per GETBULK: small enough to fit one unfragmented datagram with v3 headers. */
const bulkRepetitions = 32;
// ErrorStatus.authorizationError: a refusal that must reach the caller, not an absent value.
const authorizationError = 16;

export type SystemInfo = Omit<SnmpInfo, 'version' | 'credential' | 'interfaces' | 'vendor'>;

function isAbsentValueError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, status } = error as { name?: unknown; status?: unknown };
  return name === 'RequestFailedError' && status !== authorizationError;
}

/** Values by OID; an OID the agent does not have is simply missing from the map. */
export async function getScalars(
  session: SnmpSession,
  oids: readonly string[],
): Promise<Map<string, RawSnmpValue>> {
  try {
    const values = new Map<string, RawSnmpValue>();
    for (const varbind of await session.get(oids)) {
      if (!isAbsent(varbind)) values.set(varbind.oid.replace(/^\./, ''), varbind.value);
    }
    return values;
  } catch (error) {
    if (!isAbsentValueError(error)) throw error;
    if (oids.length === 1) return new Map();
    const parts = await Promise.all(oids.map((oid) => getScalars(session, [oid])));
    return new Map(parts.flatMap((part) => [...part]));
  }
}

/** The probe of every attempt: an agent that answers this has answered. */
export async function readSystem(session: SnmpSession): Promise<SystemInfo> {
  const values = await getScalars(session, Object.values(systemOids));
  const text = (oid: string): string => valueToText(values.get(oid)) ?? '';
  return {
    sysDescr: text(systemOids.sysDescr),
    sysObjectID: text(systemOids.sysObjectID).replace(/^\./, ''),
    sysName: text(systemOids.sysName),
    sysLocation: text(systemOids.sysLocation),
    sysContact: text(systemOids.sysContact),
    sysUpTimeSeconds: timeticksToSeconds(valueToNumber(values.get(systemOids.sysUpTime))),
  };
}

/**
 * ifNumber when the agent has it, else the rows seen; `up` counts ifOperStatus = up among
 * the first maxInterfaceRows rows. Undefined when the agent has no IF-MIB at all.
 */
export async function readInterfaces(session: SnmpSession): Promise<SnmpInfo['interfaces']> {
  const [ifNumber, rows] = await Promise.allSettled([
    getScalars(session, [interfaceOids.ifNumber]),
    session.subtree(interfaceOids.ifOperStatus, maxInterfaceRows, bulkRepetitions),
  ]);
  const reported =
    ifNumber.status === 'fulfilled' ? valueToNumber(ifNumber.value.get(interfaceOids.ifNumber)) : undefined;
  const declared =
    reported !== undefined && Number.isInteger(reported) && reported >= 0 ? reported : undefined;
  const statuses = rows.status === 'fulfilled' ? rows.value.filter((row) => !isAbsent(row)) : undefined;
  if (declared === undefined && (statuses === undefined || statuses.length === 0)) return undefined;
  return {
    count: declared ?? statuses?.length ?? 0,
    up: statuses?.filter((row) => valueToNumber(row.value) === ifOperStatusUp).length ?? 0,
  };
}

/** Model, firmware and serial from the vendor table; undefined when the agent knows none. */
export async function readVendor(session: SnmpSession, system: SystemInfo): Promise<SnmpInfo['vendor']> {
  const entries = vendorEntriesFor(system.sysObjectID, system.sysDescr);
  if (entries.length === 0) return undefined;
  const values = await getScalars(session, vendorOidsOf(entries)).catch(() => undefined);
  if (!values) return undefined;
  return pickVendorInfo(entries, (oid) => valueToText(values.get(oid)));
}
