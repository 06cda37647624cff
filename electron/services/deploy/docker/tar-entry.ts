// The tar archives of Docker's archive API: one file or a chain of folders with their owner
// and mode going in, the first file's bytes coming out. tar-stream (already under dockerode)
// writes and parses the records, so PAX headers and checksums are its business, not ours.
import type { PassThrough } from 'node:stream';
import { extract, pack, type Headers } from 'tar-stream';

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

export interface TarFile {
  name: string;
  type: 'file' | 'directory' | 'symlink' | 'other';
  mode: number;
  uid: number;
  gid: number;
  content: Buffer;
}

/** tar-stream reads and writes PAX records through this field, which its types leave out. */
type PaxHeaders = Headers & { pax?: Record<string, string> };

/** The largest id tar-stream writes in a ustar field (six octal digits); above it a PAX record says it. */
const maxUstarId = 0o777777;
// tar-stream 2 takes a zero mode for "unset" and writes its default; the file-type bits (as in
// st_mode, masked off when written) keep an explicit 0o000.
const regularFileBits = 0o100000;
const directoryBits = 0o040000;

/**
 * Refuses a name the ustar fields cannot hold (100 bytes, or a folder prefix of up to 155 and
 * a rest of up to 100): the names written here are one folder or file name, so a longer one
 * is a mistake, and Docker should never have to read it from a PAX record.
 */
function checkName(name: string): void {
  const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');
  if (bytes(name) <= 100) return;
  for (let cut = name.indexOf('/'); cut > 0; cut = name.indexOf('/', cut + 1)) {
    if (bytes(name.slice(0, cut)) > 155) break;
    if (bytes(name.slice(cut + 1)) <= 100 && cut < name.length - 1) return;
  }
  throw new Error(`tar: name too long: ${name}`);
}

function headerOf(entry: TarEntry, size: number): PaxHeaders {
  const isDirectory = entry.type === 'directory';
  const name = isDirectory && !entry.name.endsWith('/') ? `${entry.name}/` : entry.name;
  checkName(name);
  const pax: Record<string, string> = {};
  if (entry.uid > maxUstarId) pax.uid = String(entry.uid);
  if (entry.gid > maxUstarId) pax.gid = String(entry.gid);
  return {
    name,
    type: entry.type,
    mode: (entry.mode & 0o7777) | (isDirectory ? directoryBits : regularFileBits),
    uid: entry.uid,
    gid: entry.gid,
    size,
    mtime: new Date((entry.mtime ?? Math.floor(Date.now() / 1000)) * 1000),
    ...(Object.keys(pax).length > 0 ? { pax } : {}),
  };
}

/** An archive of the entries, in order, with the two zero blocks that end it. */
export async function packTar(entries: readonly TarEntry[]): Promise<Buffer> {
  // Every header is built (and every name checked) before a byte is written.
  const records = entries.map((entry) => {
    const content = entry.type === 'file' ? (entry.content ?? Buffer.alloc(0)) : Buffer.alloc(0);
    return { header: headerOf(entry, content.length), content };
  });
  const archive = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    archive.on('data', (chunk: Buffer) => chunks.push(chunk));
    archive.on('end', resolve);
    archive.on('error', reject);
  });
  for (const { header, content } of records) {
    if (header.type === 'file') archive.entry(header, content);
    else archive.entry(header);
  }
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

const fileTypes: Partial<Record<NonNullable<Headers['type']>, TarFile['type']>> = {
  file: 'file',
  directory: 'directory',
  symlink: 'symlink',
};

function idOf(fromPax: string | undefined, fromHeader: number | undefined): number {
  const parsed = fromPax === undefined ? Number.NaN : Number(fromPax);
  return Number.isSafeInteger(parsed) && parsed >= 0 ? parsed : (fromHeader ?? 0);
}

/**
 * The first real entry (PAX records applied, GNU long-name records skipped); undefined for an
 * empty archive. A corrupt or truncated archive is refused rather than read in part.
 */
export function firstTarEntry(archive: Buffer): Promise<TarFile | undefined> {
  return new Promise<TarFile | undefined>((resolve, reject) => {
    const reader = extract();
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      outcome();
      // Only the first entry is wanted: the rest of the archive is never parsed.
      reader.destroy();
    };
    reader.on('entry', (header: PaxHeaders, body: PassThrough) => {
      const chunks: Buffer[] = [];
      body.on('data', (chunk: Buffer) => chunks.push(chunk));
      body.on('end', () =>
        settle(() =>
          resolve({
            name: header.name,
            type: (header.type && fileTypes[header.type]) ?? 'other',
            mode: (header.mode ?? 0) & 0o7777,
            uid: idOf(header.pax?.uid, header.uid),
            gid: idOf(header.pax?.gid, header.gid),
            content: Buffer.concat(chunks),
          }),
        ),
      );
    });
    reader.on('error', (error: Error) => settle(() => reject(new Error(`tar: ${error.message}`))));
    reader.on('finish', () => settle(() => resolve(undefined)));
    reader.end(archive);
  });
}
