import { describe, expect, it } from 'vitest';
import { isGzip, readElfHeader } from './elf-header';

function header(fields: { bits: 1 | 2; endian: 1 | 2; type: number; machine: number }): Buffer {
  const bytes = Buffer.alloc(64);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, fields.bits, fields.endian, 1]).copy(bytes);
  const write = (value: number, offset: number): number =>
    fields.endian === 1 ? bytes.writeUInt16LE(value, offset) : bytes.writeUInt16BE(value, offset);
  write(fields.type, 16);
  write(fields.machine, 18);
  return bytes;
}

describe('readElfHeader', () => {
  it('names the release architecture of each executable kind', () => {
    const cases: [Parameters<typeof header>[0], string[]][] = [
      [{ bits: 2, endian: 1, type: 2, machine: 62 }, ['amd64']],
      [{ bits: 2, endian: 1, type: 3, machine: 183 }, ['arm64']],
      [{ bits: 1, endian: 1, type: 2, machine: 40 }, ['armv7', 'armv6']],
      [{ bits: 1, endian: 1, type: 2, machine: 3 }, ['386']],
      [{ bits: 2, endian: 1, type: 2, machine: 21 }, ['ppc64le']],
      [{ bits: 2, endian: 2, type: 2, machine: 22 }, ['s390x']],
    ];
    for (const [fields, arches] of cases)
      expect(readElfHeader(header(fields))).toEqual({ kind: 'executable', arches });
  });

  it('refuses what no release is, saying what it is', () => {
    const refused = (bytes: Buffer): string => {
      const reading = readElfHeader(bytes);
      return reading.kind === 'refused' ? reading.reason : 'accepted';
    };
    expect(refused(Buffer.alloc(0))).toBe('an empty file');
    expect(refused(Buffer.from('#!/bin/sh\nexit 0\n'))).toBe('a script');
    expect(refused(Buffer.from([0x1f, 0x8b, 8, 0]))).toBe('a gzip archive');
    expect(refused(Buffer.from('MZ\x90\x00'))).toBe('a Windows program');
    expect(refused(Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]))).toBe('a macOS program');
    expect(refused(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))).toBe('not an ELF executable');
    expect(refused(header({ bits: 2, endian: 1, type: 1, machine: 62 }))).toMatch(
      /object file, not an executable/,
    );
    expect(refused(header({ bits: 2, endian: 1, type: 4, machine: 62 }))).toMatch(/core dump/);
    // PowerPC 64 big-endian and RISC-V have no release Promstead installs.
    expect(refused(header({ bits: 2, endian: 2, type: 2, machine: 21 }))).toMatch(
      /PowerPC 64 \(64-bit, big-endian\)/,
    );
    expect(refused(header({ bits: 2, endian: 1, type: 2, machine: 243 }))).toMatch(/RISC-V/);
    // A class byte that is neither 32 nor 64 bits.
    const damaged = header({ bits: 2, endian: 1, type: 2, machine: 62 });
    damaged[4] = 9;
    expect(refused(damaged)).toMatch(/damaged header/);
  });

  it('tells a gzip stream by its first two bytes', () => {
    expect(isGzip(Buffer.from([0x1f, 0x8b]))).toBe(true);
    expect(isGzip(Buffer.from([0x1f]))).toBe(false);
  });
});
