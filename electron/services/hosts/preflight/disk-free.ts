// `df -P` (GNU, busybox and BSD all print the POSIX format) parsed into bytes.
import { boundedLines, cleanText, words } from './text-bounds';

export interface DfEntry {
  filesystem: string;
  mountPoint: string;
  sizeBytes: number;
  availableBytes: number;
  usedPercent: number;
}

/**
 * The header names the block size (`1024-blocks`, `512-blocks`); each line is
 * `filesystem size used available capacity% mountpoint`, where the filesystem and the
 * mount point may hold spaces, so the numbers are found in the middle.
 */
export function parseDfPosix(text: string): DfEntry[] {
  const lines = boundedLines(text, 200);
  const blockSize = Number(/(\d+)-blocks/.exec(lines[0] ?? '')?.[1] ?? 1024);
  const unit = Number.isSafeInteger(blockSize) && blockSize > 0 && blockSize <= 1 << 20 ? blockSize : 1024;
  const entries: DfEntry[] = [];
  for (const line of lines.slice(1)) {
    const fields = words(line);
    // The first run of size, used, available and capacity% after the filesystem name.
    const at = fields.findIndex(
      (_, index) =>
        index > 0 &&
        fields.slice(index, index + 3).every((field) => /^\d{1,20}$/.test(field)) &&
        /^\d{1,3}%$/.test(fields[index + 3] ?? ''),
    );
    const mountPoint = fields.slice(at + 4).join(' ');
    if (at === -1 || !mountPoint.startsWith('/')) continue;
    entries.push({
      filesystem: cleanText(fields.slice(0, at).join(' '), 120),
      mountPoint: cleanText(mountPoint, 200),
      sizeBytes: Number(fields[at]) * unit,
      availableBytes: Number(fields[at + 2]) * unit,
      usedPercent: Math.min(100, parseInt(fields[at + 3] ?? '0', 10)),
    });
  }
  return entries;
}

/** Bytes as a person reads them: 1.5 GiB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
