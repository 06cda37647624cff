// The few tar (ustar) records the Docker archive API needs: one file or a chain of
// folders with their owner and mode going in, the first file's bytes coming out.
// Hand-written because Docker wants nothing more and tar-stream is not a direct dependency.

const blockSize = 512;

export interface TarEntry {
  /** Relative path inside the archive, `/`-separated, no leading slash. */
  name: string;
  type: 'file' | 'directory';
  /** Permission bits (0o7777). */
  mode: number;
  uid: number;
  gid: number;
  content?: Buffer;
  /** Seconds since the epoch; now when absent. */
  mtime?: number;
}

function octal(value: number, width: number): string {
  // width - 1 digits and a NUL, as ustar writes numbers.
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(entry: TarEntry, size: number): Buffer {
  const block = Buffer.alloc(blockSize, 0);
  const name = entry.type === 'directory' && !entry.name.endsWith('/') ? `${entry.name}/` : entry.name;
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100) {
    // ustar's prefix field holds the leading folders of a longer name.
    const cut = name.lastIndexOf('/', name.length - 2);
    const prefix = Buffer.from(name.slice(0, cut), 'utf8');
    const rest = Buffer.from(name.slice(cut + 1), 'utf8');
    if (cut <= 0 || prefix.length > 155 || rest.length > 100) throw new Error(`tar: name too long: ${name}`);
    rest.copy(block, 0);
    prefix.copy(block, 345);
  } else nameBytes.copy(block, 0);
  block.write(octal(entry.mode & 0o7777, 8), 100, 'ascii');
  block.write(octal(entry.uid, 8), 108, 'ascii');
  block.write(octal(entry.gid, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(entry.mtime ?? Math.floor(Date.now() / 1000), 12), 136, 'ascii');
  block.write(' '.repeat(8), 148, 'ascii');
  block.write(entry.type === 'directory' ? '5' : '0', 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

/** An archive of the entries, in order, with the two zero blocks that end it. */
export function packTar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const content = entry.type === 'file' ? (entry.content ?? Buffer.alloc(0)) : Buffer.alloc(0);
    parts.push(header(entry, content.length), content);
    const padding = (blockSize - (content.length % blockSize)) % blockSize;
    if (padding) parts.push(Buffer.alloc(padding, 0));
  }
  parts.push(Buffer.alloc(blockSize * 2, 0));
  return Buffer.concat(parts);
}

export interface TarFile {
  name: string;
  type: 'file' | 'directory' | 'symlink' | 'other';
  mode: number;
  uid: number;
  gid: number;
  content: Buffer;
}

function readOctal(block: Buffer, offset: number, width: number): number {
  const text = block
    .subarray(offset, offset + width)
    .toString('ascii')
    .replace(/[\0 ]+$/g, '')
    .trim();
  return text ? parseInt(text, 8) : 0;
}

function readString(block: Buffer, offset: number, width: number): string {
  const raw = block.subarray(offset, offset + width);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? width : end).toString('utf8');
}

const typeOf: Record<string, TarFile['type']> = {
  '0': 'file',
  '\0': 'file',
  '5': 'directory',
  '2': 'symlink',
};

/** The first real entry (PAX and GNU long-name records skipped); undefined for an empty archive. */
export function firstTarEntry(archive: Buffer): TarFile | undefined {
  let offset = 0;
  // Bounded by the archive's length: each round moves past at least one block.
  while (offset + blockSize <= archive.length) {
    const block = archive.subarray(offset, offset + blockSize);
    if (block.every((byte) => byte === 0)) return undefined;
    const size = readOctal(block, 124, 12);
    const flag = String.fromCharCode(block[156] ?? 0);
    const dataStart = offset + blockSize;
    const next = dataStart + Math.ceil(size / blockSize) * blockSize;
    if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
      offset = next;
      continue;
    }
    const prefix = readString(block, 345, 155);
    const name = readString(block, 0, 100);
    return {
      name: prefix ? `${prefix}/${name}` : name,
      type: typeOf[flag] ?? 'other',
      mode: readOctal(block, 100, 8) & 0o7777,
      uid: readOctal(block, 108, 8),
      gid: readOctal(block, 116, 8),
      content: Buffer.from(archive.subarray(dataStart, dataStart + size)),
    };
  }
  return undefined;
}
