// This machine's cache of exporter release binaries, verified by checksum, one per
// exporter, version and architecture. Filled from the upstream release (archive checked
// against the published sha256sums, then unpacked) or, offline and in the lab, from a
// file on this machine: the binary or its release archive, checked to be a Linux
// executable for the architecture it is filed under. Every read checks the binary
// against its recorded hash.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  copyFile,
  mkdir,
  open,
  readFile,
  readdir,
  rename,
  rm,
  rmdir,
  stat,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import {
  type LinuxArchitecture,
  linuxArchitectures,
  LinuxArchitectureSchema,
  PromsteadError,
  VersionSchema,
} from '@shared/contract';
import type { BinaryRelease } from '../exporters';
import { elfHeaderBytes, isGzip, readElfHeader } from './elf-header';
import { archiveMembers, unpackMember } from './release-archive';

const exporterNamePattern = /^[a-z][a-z0-9_]{0,63}$/;
/** The largest archive or binary the cache takes (node_exporter's archive is ~10 MB, its binary ~20). */
const maxArchiveBytes = 200 * 1024 * 1024;

export interface CachedBinary {
  path: string;
  sha256: string;
  exporter: string;
  version: string;
  arch: LinuxArchitecture;
}

/** A cache entry as listed: its size, and whether the binary still matches its recorded hash. */
export interface CacheEntry extends CachedBinary {
  size: number;
  intact: boolean;
}

export interface LocalFileRequest {
  exporter: string;
  version: string;
  /** Read from the ELF header when absent (ARM builds must say v6 or v7). */
  arch?: LinuxArchitecture;
  /** The binary, or the upstream `<exporter>-<version>.linux-<arch>.tar.gz`. */
  source: string;
  /** How the exporter's release archive is laid out; needed for an archive only. */
  release?: BinaryRelease;
}

export interface AddedBinary extends CachedBinary {
  size: number;
  /** The hash of the different binary this one replaced under the same version and arch. */
  replacedSha256?: string;
}

export type FetchFunction = (url: string, init: { signal?: AbortSignal }) => Promise<Response>;

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The hash sha256sums.txt lists for a file name, or undefined when it lists none. */
export function checksumFor(sums: string, fileName: string): string | undefined {
  for (const line of sums.split('\n').slice(0, 10_000)) {
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trim());
    if (match?.[2] === fileName) return match[1];
  }
  return undefined;
}

export class SystemdBinaryCache {
  constructor(
    private readonly directory: string,
    private readonly fetchImpl: FetchFunction = (url, init) => fetch(url, init),
  ) {}

  private folder(exporter: string, version: string, arch: LinuxArchitecture): string {
    checkExporterName(exporter);
    VersionSchema.parse(version);
    LinuxArchitectureSchema.parse(arch);
    return join(this.directory, exporter, version, arch);
  }

  /** The cached binary, its hash checked again; undefined when the cache has none. */
  async find(exporter: string, version: string, arch: LinuxArchitecture): Promise<CachedBinary | undefined> {
    const folder = this.folder(exporter, version, arch);
    const recorded = await readFile(join(folder, 'sha256'), 'utf8').catch(() => undefined);
    if (recorded === undefined) return undefined;
    const path = join(folder, 'binary');
    const actual = await sha256File(path).catch(() => undefined);
    if (actual !== recorded.trim()) {
      throw new PromsteadError(
        'CONFLICT',
        `The cached ${exporter} ${version} (${arch}) does not match its recorded checksum: remove it (\`promstead binary remove ${exporter} --version ${version} --arch ${arch}\`) and add it again.`,
      );
    }
    return { path, sha256: actual, exporter, version, arch };
  }

  /** Every entry, sorted by exporter, version and arch; half-written folders are left out. */
  async list(): Promise<CacheEntry[]> {
    const entries: CacheEntry[] = [];
    for (const exporter of await subfolders(this.directory)) {
      if (!exporterNamePattern.test(exporter)) continue;
      for (const version of await subfolders(join(this.directory, exporter))) {
        if (!VersionSchema.safeParse(version).success) continue;
        for (const arch of await subfolders(join(this.directory, exporter, version))) {
          const parsedArch = LinuxArchitectureSchema.safeParse(arch);
          if (!parsedArch.success) continue;
          const entry = await this.entry(exporter, version, parsedArch.data);
          if (entry) entries.push(entry);
        }
      }
    }
    return entries.sort(
      (a, b) =>
        a.exporter.localeCompare(b.exporter) ||
        compareVersions(a.version, b.version) ||
        a.arch.localeCompare(b.arch),
    );
  }

  /** Removes the entries of an exporter (of one version, one arch, when given); returns them. */
  async remove(exporter: string, version?: string, arch?: LinuxArchitecture): Promise<CacheEntry[]> {
    checkExporterName(exporter);
    if (version !== undefined) VersionSchema.parse(version);
    if (arch !== undefined) LinuxArchitectureSchema.parse(arch);
    const matching = (await this.list()).filter(
      (entry) =>
        entry.exporter === exporter &&
        (version === undefined || entry.version === version) &&
        (arch === undefined || entry.arch === arch),
    );
    for (const entry of matching) {
      const folder = this.folder(entry.exporter, entry.version, entry.arch);
      // The hash first: a reader in between sees "not cached", never a binary without its hash.
      await rm(join(folder, 'sha256'), { force: true });
      await rm(folder, { recursive: true, force: true });
      // Empty parents go too, so the listing and the folder agree; a non-empty one stays.
      await rmdir(join(this.directory, entry.exporter, entry.version)).catch(() => undefined);
      await rmdir(join(this.directory, entry.exporter)).catch(() => undefined);
    }
    return matching;
  }

  /** Puts a binary from this machine in the cache (offline installs, the lab's Debian binaries). */
  async addLocalBinary(
    exporter: string,
    version: string,
    arch: LinuxArchitecture,
    source: string,
  ): Promise<CachedBinary> {
    const added = await this.addLocalFile({ exporter, version, arch, source });
    return { path: added.path, sha256: added.sha256, exporter, version, arch: added.arch };
  }

  /**
   * Puts a file from this machine in the cache: an executable (its arch read from its ELF
   * header, and checked against the one asked for) or the exporter's release archive (the
   * binary unpacked from it, as a download would be).
   */
  async addLocalFile(request: LocalFileRequest): Promise<AddedBinary> {
    const { exporter, version, source } = request;
    checkExporterName(exporter);
    VersionSchema.parse(version);
    const header = await readLocalHeader(source);
    if (isGzip(header)) return this.addArchive(request);
    const arch = executableArch(header, source, request.arch);
    const folder = this.folder(exporter, version, arch);
    await mkdir(folder, { recursive: true });
    const staged = join(folder, `.binary-${randomUUID()}`);
    try {
      await copyFile(source, staged);
      // The copy is what gets hashed and installed: check it, not the source, which may change.
      executableArch(await readLocalHeader(staged), source, arch);
      return await this.commitReplacing(folder, staged, exporter, version, arch);
    } finally {
      await rm(staged, { force: true });
    }
  }

  /** The cached binary, downloaded from the release first when missing. */
  async ensure(
    exporter: string,
    version: string,
    arch: LinuxArchitecture,
    release: BinaryRelease,
    signal?: AbortSignal,
  ): Promise<CachedBinary> {
    const cached = await this.find(exporter, version, arch);
    if (cached) return cached;
    return this.download(exporter, version, arch, release, signal);
  }

  /** Downloads the archive and the checksums, refuses a mismatch, unpacks the one binary. */
  async download(
    exporter: string,
    version: string,
    arch: LinuxArchitecture,
    release: BinaryRelease,
    signal?: AbortSignal,
  ): Promise<CachedBinary> {
    const folder = this.folder(exporter, version, arch);
    const archiveUrl = release.releaseUrl(version, arch);
    const archiveName = archiveUrl.slice(archiveUrl.lastIndexOf('/') + 1);
    // Offline homelabs end here: say exactly how to fill the cache by hand.
    const fillByHand = `without Internet access, put the binary in the cache yourself: \`promstead binary add ${exporter} <file> --version ${version} --arch ${arch}\`, with ${exporter}'s binary for ${arch} or ${archiveName}`;
    const sums = (await this.get(release.checksumsUrl(version), fillByHand, signal)).toString('utf8');
    const expected = checksumFor(sums, archiveName);
    if (!expected) {
      throw new PromsteadError(
        'CONFLICT',
        `The published checksums of ${exporter} ${version} list no ${archiveName}.`,
      );
    }
    const archive = await this.get(archiveUrl, fillByHand, signal);
    const actual = createHash('sha256').update(archive).digest('hex');
    if (actual !== expected) {
      throw new PromsteadError(
        'CONFLICT',
        `${archiveName} does not match its published checksum (expected ${expected}, got ${actual}): refusing it.`,
      );
    }
    await mkdir(folder, { recursive: true });
    const work = join(folder, `.unpack-${randomUUID()}`);
    try {
      await mkdir(work);
      const archivePath = join(work, archiveName);
      await writeFile(archivePath, archive);
      const member = release.archiveBinaryPath(version, arch);
      const unpacked = await unpackMember(archivePath, member, work, signal);
      return await this.commit(folder, unpacked, exporter, version, arch);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  /** A release archive from this machine: the binary for the asked (or only) arch unpacked and checked. */
  private async addArchive(request: LocalFileRequest): Promise<AddedBinary> {
    const { exporter, version, source, release } = request;
    if (!release) {
      throw new PromsteadError(
        'VALIDATION',
        `${source} is a gzip archive, and ${exporter} has no release archive to unpack: add its binary instead.`,
      );
    }
    const members = await archiveMembers(source);
    const wanted = request.arch ? [request.arch] : linuxArchitectures;
    const found = wanted.filter((arch) => members.has(release.archiveBinaryPath(version, arch)));
    const arch = found[0];
    if (!arch || found.length > 1) {
      const expected = wanted.map((candidate) => release.archiveBinaryPath(version, candidate));
      throw new PromsteadError(
        'VALIDATION',
        found.length > 1
          ? `${source} holds ${exporter} ${version} for ${found.join(' and ')}: name the architecture to add.`
          : `${source} holds no ${expected.length === 1 ? expected[0] : `${exporter} ${version} binary (${release.archiveBinaryPath(version, 'amd64')} or the like)`}: is it the release archive of ${exporter} ${version}${request.arch ? ` for ${request.arch}` : ''}? \`tar -tzf\` lists what it holds.`,
      );
    }
    const folder = this.folder(exporter, version, arch);
    await mkdir(folder, { recursive: true });
    const work = join(folder, `.unpack-${randomUUID()}`);
    try {
      await mkdir(work);
      const unpacked = await unpackMember(source, release.archiveBinaryPath(version, arch), work);
      executableArch(
        await readLocalHeader(unpacked),
        `${source} (${release.archiveBinaryPath(version, arch)})`,
        arch,
      );
      return await this.commitReplacing(folder, unpacked, exporter, version, arch);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  private async entry(
    exporter: string,
    version: string,
    arch: LinuxArchitecture,
  ): Promise<CacheEntry | undefined> {
    const folder = join(this.directory, exporter, version, arch);
    const recorded = await readFile(join(folder, 'sha256'), 'utf8').catch(() => undefined);
    const path = join(folder, 'binary');
    const size = await stat(path).then(
      (info) => info.size,
      () => undefined,
    );
    if (recorded === undefined || size === undefined) return undefined;
    const sha256 = recorded.trim();
    const intact = (await sha256File(path).catch(() => undefined)) === sha256;
    return { path, sha256, exporter, version, arch, size, intact };
  }

  private async get(url: string, fillByHand: string, signal?: AbortSignal): Promise<Buffer> {
    let response: Response;
    try {
      response = await this.fetchImpl(url, signal ? { signal } : {});
    } catch (error) {
      if (signal?.aborted) throw new PromsteadError('CANCELLED', `Downloading ${url} was cancelled.`);
      throw new PromsteadError(
        'TRANSPORT',
        `Could not download ${url} (${fetchFailure(error)}): ${fillByHand}.`,
      );
    }
    if (!response.ok)
      throw new PromsteadError(
        'TRANSPORT',
        `Downloading ${url} answered HTTP ${response.status} (is the version released?); ${fillByHand}.`,
      );
    const length = Number(response.headers.get('content-length') ?? '0');
    if (length > maxArchiveBytes)
      throw new PromsteadError('TRANSPORT', `${url} is larger than ${maxArchiveBytes} bytes.`);
    const body = Buffer.from(await response.arrayBuffer());
    if (body.length > maxArchiveBytes)
      throw new PromsteadError('TRANSPORT', `${url} is larger than ${maxArchiveBytes} bytes.`);
    return body;
  }

  /** As commit, also saying which different binary the new one replaced. */
  private async commitReplacing(
    folder: string,
    staged: string,
    exporter: string,
    version: string,
    arch: LinuxArchitecture,
  ): Promise<AddedBinary> {
    const previous = (await readFile(join(folder, 'sha256'), 'utf8').catch(() => ''))?.trim();
    const committed = await this.commit(folder, staged, exporter, version, arch);
    const size = (await stat(committed.path)).size;
    return previous && previous !== committed.sha256
      ? { ...committed, size, replacedSha256: previous }
      : { ...committed, size };
  }

  /** Hash, then rename into place: a reader never sees a binary without its hash. */
  private async commit(
    folder: string,
    staged: string,
    exporter: string,
    version: string,
    arch: LinuxArchitecture,
  ): Promise<CachedBinary> {
    const sha256 = await sha256File(staged);
    const path = join(folder, 'binary');
    await rename(staged, path);
    await writeFile(join(folder, 'sha256'), `${sha256}\n`);
    return { path, sha256, exporter, version, arch };
  }
}

/** fetch says only "fetch failed"; the cause (no DNS, refused, timed out) is what a person needs. */
function fetchFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause ? `${error.message}: ${cause}` : error.message;
}

function checkExporterName(exporter: string): void {
  if (!exporterNamePattern.test(exporter))
    throw new PromsteadError('VALIDATION', `"${exporter}" is not an exporter id.`);
}

/** The first bytes of a regular file on this machine, with errors a person can act on. */
async function readLocalHeader(path: string): Promise<Buffer> {
  const info = await stat(path).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new PromsteadError('NOT_FOUND', `No file at ${path}.`);
    if (code === 'EACCES') throw new PromsteadError('FORBIDDEN', `${path} cannot be read by this user.`);
    throw error;
  });
  if (!info.isFile()) throw new PromsteadError('VALIDATION', `${path} is not a regular file.`);
  if (info.size > maxArchiveBytes)
    throw new PromsteadError(
      'VALIDATION',
      `${path} is larger than ${maxArchiveBytes} bytes: not an exporter binary.`,
    );
  const handle = await open(path, 'r').catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'EACCES')
      throw new PromsteadError('FORBIDDEN', `${path} cannot be read by this user.`);
    throw error;
  });
  try {
    const header = Buffer.alloc(elfHeaderBytes);
    const { bytesRead } = await handle.read(header, 0, elfHeaderBytes, 0);
    return header.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The arch an executable's header shows, matched against the asked one; refusals say why. */
function executableArch(header: Buffer, source: string, asked?: LinuxArchitecture): LinuxArchitecture {
  const reading = readElfHeader(header);
  if (reading.kind === 'refused') {
    throw new PromsteadError(
      'VALIDATION',
      `${source} is ${reading.reason}: the cache takes an exporter's Linux binary or its release .tar.gz.`,
    );
  }
  if (asked !== undefined) {
    if (reading.arches.includes(asked)) return asked;
    throw new PromsteadError(
      'VALIDATION',
      `${source} is built for ${reading.arches.join(' or ')}, not ${asked}: add the ${asked} build, or file this one under its own architecture.`,
    );
  }
  const [only, ...others] = reading.arches;
  if (only === undefined || others.length > 0) {
    throw new PromsteadError(
      'VALIDATION',
      `${source} is an ARM executable, and its header does not tell ARMv6 from ARMv7: name the architecture (armv7 or armv6).`,
    );
  }
  return only;
}

async function subfolders(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
}

/** 1.10.0 after 1.9.0. */
function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
