// Turning varbinds from net-snmp into plain values. Pure, so the odd cases (absent
// objects, binary strings, 32-bit timeticks) are unit-tested without an agent.

/** What net-snmp puts in Varbind.value. */
export type RawSnmpValue = string | number | bigint | boolean | Buffer | null | undefined;

/** The part of a net-snmp Varbind these helpers read. */
export interface VarbindLike {
  oid: string;
  type?: number;
  value?: RawSnmpValue;
}

/** noSuchObject, noSuchInstance and endOfMibView (RFC 3416): "not here", not a failure. */
const absentTypes: ReadonlySet<number> = new Set([128, 129, 130]);

/** A hostile or broken agent could send a 64 KB string; nothing discovery shows needs more. */
export const maxTextLength = 1024;

export function isAbsent(varbind: VarbindLike): boolean {
  if (varbind.type !== undefined && absentTypes.has(varbind.type)) return true;
  return varbind.value === null || varbind.value === undefined;
}

/** Octet strings arrive as Buffers; agents pad some with NULs (C strings). */
export function valueToText(value: RawSnmpValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  return text.replaceAll('\u0000', '').trim().slice(0, maxTextLength);
}

export function valueToNumber(value: RawSnmpValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'bigint') return Number(value);
  return undefined;
}

/** sysUpTime is TimeTicks: hundredths of a second, wrapping at 2^32 (497 days). */
export function timeticksToSeconds(ticks: number | undefined): number {
  if (ticks === undefined || !Number.isFinite(ticks) || ticks < 0) return 0;
  return Math.floor(ticks / 100);
}

/** True when `oid` is `base` itself or lies below it (1.3.6.1.4.1.6574 covers .6574.1, not .65740). */
export function oidIsUnder(oid: string, base: string): boolean {
  const normalizedOid = oid.replace(/^\./, '');
  const normalizedBase = base.replace(/^\./, '');
  return normalizedOid === normalizedBase || normalizedOid.startsWith(`${normalizedBase}.`);
}
