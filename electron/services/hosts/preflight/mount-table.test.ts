import { describe, expect, it } from 'vitest';
import {
  cgroupVersionFromFsType,
  cgroupVersionFromMounts,
  parseMountInfo,
  rootPropagation,
} from './mount-table';

/** A Debian host booted with systemd: / is shared (systemd makes it so). */
const systemdHost = `22 29 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
29 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro
30 22 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate
`;
/** Inside a container: / is a slave of the host's. */
const container = '1234 1200 0:50 / / rw,relatime master:1 - overlay overlay rw,lowerdir=/a:/b\n';
/** The lab NAS (and a DSM after boot): no optional field, a private /. */
const privateRoot = '60 59 254:0 / / rw,relatime - ext4 /dev/vda rw,discard\n';

describe('mountinfo', () => {
  it('reads mount points, types and optional fields, unescaping paths', () => {
    expect(parseMountInfo(`${systemdHost}40 29 8:2 / /mnt/my\\040disk rw - ext4 /dev/sdb1 rw\n`)).toEqual([
      { mountPoint: '/sys', fsType: 'sysfs', optionalFields: ['shared:7'] },
      { mountPoint: '/', fsType: 'ext4', optionalFields: ['shared:1'] },
      { mountPoint: '/sys/fs/cgroup', fsType: 'cgroup2', optionalFields: ['shared:9'] },
      { mountPoint: '/mnt/my disk', fsType: 'ext4', optionalFields: [] },
    ]);
  });

  it('tells shared, slave and private roots apart', () => {
    expect(rootPropagation(systemdHost, '/proc/1/mountinfo')).toEqual({
      propagation: 'shared',
      optionalFields: ['shared:1'],
      source: '/proc/1/mountinfo',
    });
    expect(rootPropagation(container, 'x').propagation).toBe('slave');
    expect(rootPropagation(privateRoot, 'x')).toMatchObject({ propagation: 'private', optionalFields: [] });
    expect(rootPropagation('61 60 0:5 / / rw shared:3 master:1 - overlay o rw\n', 'x').propagation).toBe(
      'shared',
    );
  });

  it('takes the last mount over / (the one that is visible)', () => {
    expect(rootPropagation(`${systemdHost}${privateRoot}`, 'x').propagation).toBe('private');
  });

  it('says unknown for an empty or garbled table', () => {
    expect(rootPropagation('', 'x').propagation).toBe('unknown');
    expect(rootPropagation('a b c d / f g h\n- - -\n', 'x').propagation).toBe('unknown');
  });
});

describe('cgroup version', () => {
  it('reads v2, v1 and hybrid from /proc/mounts', () => {
    expect(cgroupVersionFromMounts('cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid 0 0\n')).toBe('v2');
    const v1 = 'tmpfs /sys/fs/cgroup tmpfs rw 0 0\ncgroup /sys/fs/cgroup/cpu cgroup rw,cpu 0 0\n';
    expect(cgroupVersionFromMounts(v1)).toBe('v1');
    expect(cgroupVersionFromMounts(`${v1}cgroup2 /sys/fs/cgroup/unified cgroup2 rw 0 0\n`)).toBe('hybrid');
    expect(cgroupVersionFromMounts('proc /proc proc rw 0 0\n')).toBeUndefined();
  });

  it('reads stat -f types', () => {
    expect(cgroupVersionFromFsType('cgroup2fs\n')).toBe('v2');
    expect(cgroupVersionFromFsType('tmpfs\n')).toBe('v1');
    expect(cgroupVersionFromFsType('sysfs\n')).toBeUndefined();
  });
});
