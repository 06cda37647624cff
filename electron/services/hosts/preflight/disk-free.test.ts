import { describe, expect, it } from 'vitest';
import { formatBytes, parseDfPosix } from './disk-free';

describe('df -P', () => {
  it('reads GNU df in 1024-byte blocks', () => {
    const text = `Filesystem     1024-blocks     Used Available Capacity Mounted on
/dev/vda         264212084 26462860  79928052      25% /
`;
    expect(parseDfPosix(text)).toEqual([
      {
        filesystem: '/dev/vda',
        mountPoint: '/',
        sizeBytes: 264212084 * 1024,
        availableBytes: 79928052 * 1024,
        usedPercent: 25,
      },
    ]);
  });

  it('reads busybox and DSM volumes, and names with spaces', () => {
    const text = `Filesystem           1024-blocks    Used Available Capacity Mounted on
/dev/mapper/cachedev_0 7672895328 3021487664 4651407664  40% /volume1
//nas/share with space 1000 500 500 50% /mnt/my disk
`;
    expect(
      parseDfPosix(text).map((entry) => [entry.filesystem, entry.mountPoint, entry.usedPercent]),
    ).toEqual([
      ['/dev/mapper/cachedev_0', '/volume1', 40],
      ['//nas/share with space', '/mnt/my disk', 50],
    ]);
  });

  it('honours a 512-byte block header (POSIXLY_CORRECT)', () => {
    const text = 'Filesystem 512-blocks Used Available Capacity Mounted on\n/dev/sda1 2000 1000 1000 50% /\n';
    expect(parseDfPosix(text)[0]?.availableBytes).toBe(1000 * 512);
  });

  it('skips errors and garbage', () => {
    expect(parseDfPosix('df: /nope: No such file or directory\n')).toEqual([]);
    expect(parseDfPosix('Filesystem 1024-blocks\n- - - - - -\nx 1 2 3 4 relative\n')).toEqual([]);
  });

  it('formats bytes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536 * 1024 ** 2)).toBe('1.5 GiB');
  });
});
