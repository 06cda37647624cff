// Parsers for the kernel's mount tables: the propagation of `/` from mountinfo (the
// node_exporter `/:/host:ro,rslave` bind needs `/` shared or a slave) and the cgroup
// version from /proc/mounts.
import type { CgroupFacts, RootPropagationFacts } from '@shared/contract';
import { boundedLines, words } from './text-bounds';

export interface MountInfoEntry {
  mountPoint: string;
  fsType: string;
  /** The fields between the mount options and the `-` separator: shared:N, master:N… */
  optionalFields: string[];
}

/** mountinfo escapes space, tab, newline and backslash in paths as octal (\040). */
function unescapeOctal(path: string): string {
  return path.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/** proc(5) mountinfo: `id parent major:minor root mountpoint options [optional…] - fstype source superoptions`. */
export function parseMountInfo(text: string): MountInfoEntry[] {
  const entries: MountInfoEntry[] = [];
  for (const line of boundedLines(text)) {
    const fields = words(line);
    const separator = fields.indexOf('-', 6);
    if (fields.length < 7 || separator === -1 || !/^\d+$/.test(fields[0] ?? '')) continue;
    entries.push({
      mountPoint: unescapeOctal(fields[4] ?? ''),
      fsType: fields[separator + 1] ?? '',
      optionalFields: fields.slice(6, separator).slice(0, 8),
    });
  }
  return entries;
}

/**
 * The propagation of the mount seen at `/`: the last `/` entry, as a later mount over
 * `/` hides the earlier ones. A mount both shared and a slave counts as shared.
 */
export function rootPropagation(text: string, source: string): RootPropagationFacts {
  const roots = parseMountInfo(text).filter((entry) => entry.mountPoint === '/');
  const root = roots.at(-1);
  if (!root) return { propagation: 'unknown', optionalFields: [], source };
  const fields = root.optionalFields;
  const propagation = fields.some((field) => /^shared:\d+$/.test(field))
    ? 'shared'
    : fields.some((field) => /^master:\d+$/.test(field))
      ? 'slave'
      : 'private';
  return { propagation, optionalFields: fields, source };
}

/**
 * The cgroup version from a mounts table (`source mountpoint fstype options 0 0`):
 * cgroup2 on /sys/fs/cgroup is v2; v1 hierarchies with a cgroup2 beside them (systemd's
 * `unified`) is hybrid. Undefined when no cgroup filesystem is mounted in this view.
 */
export function cgroupVersionFromMounts(text: string): CgroupFacts['version'] | undefined {
  let v1 = false;
  let v2Root = false;
  let v2Elsewhere = false;
  for (const line of boundedLines(text)) {
    const [, mountPoint = '', fsType = ''] = words(line);
    if (fsType === 'cgroup') v1 = true;
    else if (fsType === 'cgroup2') {
      if (mountPoint === '/sys/fs/cgroup') v2Root = true;
      else v2Elsewhere = true;
    }
  }
  if (v2Root) return 'v2';
  if (v1) return v2Elsewhere ? 'hybrid' : 'v1';
  return v2Elsewhere ? 'v2' : undefined;
}

/** `stat -f -c %T /sys/fs/cgroup`: cgroup2fs is v2; a tmpfs holds v1 hierarchies. */
export function cgroupVersionFromFsType(output: string): CgroupFacts['version'] | undefined {
  const type = output.trim();
  if (type === 'cgroup2fs' || type === 'cgroup2') return 'v2';
  if (type === 'tmpfs') return 'v1';
  return undefined;
}
