// What the first bytes of a file say about it as a Linux program: whether it is an ELF
// executable and which release architecture it runs on. Enough to refuse, before it
// reaches a host, a binary the host could not run (a script, a macOS build, arm64 for amd64).
import type { LinuxArchitecture } from '@shared/contract';

/** e_ident, e_type and e_machine all sit in the first 20 bytes; 64 covers either class's header. */
export const elfHeaderBytes = 64;

const elfMagic = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);
const executableTypes = new Map([
  [2, 'ET_EXEC'],
  // Position-independent executables (and static-pie Go builds) are ET_DYN too.
  [3, 'ET_DYN'],
]);

interface MachineEntry {
  bits: 32 | 64;
  endian: 'little' | 'big';
  /** ARM's header does not tell v6 from v7 builds: both candidates, the caller picks. */
  arches: readonly LinuxArchitecture[];
}

/** e_machine values of the architectures upstream releases are built for. */
const machines = new Map<number, MachineEntry>([
  [62, { bits: 64, endian: 'little', arches: ['amd64'] }],
  [183, { bits: 64, endian: 'little', arches: ['arm64'] }],
  [40, { bits: 32, endian: 'little', arches: ['armv7', 'armv6'] }],
  [3, { bits: 32, endian: 'little', arches: ['386'] }],
  [21, { bits: 64, endian: 'little', arches: ['ppc64le'] }],
  [22, { bits: 64, endian: 'big', arches: ['s390x'] }],
]);

const machineNames: Record<number, string> = { 8: 'MIPS', 21: 'PowerPC 64', 243: 'RISC-V' };

export type ElfReading =
  | { kind: 'executable'; arches: readonly LinuxArchitecture[] }
  /** Not a Linux program Promstead can install: `reason` says what it is instead. */
  | { kind: 'refused'; reason: string };

/** Reads the header bytes of a file (at least the first 20; fewer means it is no ELF). */
export function readElfHeader(header: Buffer): ElfReading {
  if (header.length < 20 || !header.subarray(0, 4).equals(elfMagic)) {
    return { kind: 'refused', reason: describeNonElf(header) };
  }
  const bits = header[4] === 1 ? 32 : header[4] === 2 ? 64 : undefined;
  const endian = header[5] === 1 ? 'little' : header[5] === 2 ? 'big' : undefined;
  if (bits === undefined || endian === undefined)
    return { kind: 'refused', reason: 'an ELF file with a damaged header' };
  const read16 = (offset: number): number =>
    endian === 'little' ? header.readUInt16LE(offset) : header.readUInt16BE(offset);
  const type = read16(16);
  if (!executableTypes.has(type)) {
    const what = type === 1 ? 'an object file' : type === 4 ? 'a core dump' : `an ELF file of type ${type}`;
    return { kind: 'refused', reason: `${what}, not an executable` };
  }
  const machine = read16(18);
  const entry = machines.get(machine);
  if (!entry || entry.bits !== bits || entry.endian !== endian) {
    const name = machineNames[machine] ?? `machine ${machine}`;
    return {
      kind: 'refused',
      reason: `an executable for ${name} (${bits}-bit, ${endian}-endian), an architecture no exporter release is built for`,
    };
  }
  return { kind: 'executable', arches: entry.arches };
}

function describeNonElf(header: Buffer): string {
  if (header.length === 0) return 'an empty file';
  if (header[0] === 0x1f && header[1] === 0x8b) return 'a gzip archive';
  if (header.subarray(0, 2).toString('latin1') === '#!') return 'a script';
  if (header.subarray(0, 2).toString('latin1') === 'MZ') return 'a Windows program';
  const magic = header.length >= 4 ? header.readUInt32BE(0) : 0;
  if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(magic)) return 'a macOS program';
  return 'not an ELF executable';
}

/** True when the bytes start a gzip stream (a release .tar.gz). */
export function isGzip(header: Buffer): boolean {
  return header.length >= 2 && header[0] === 0x1f && header[1] === 0x8b;
}
