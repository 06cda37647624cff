// This machine's cache of exporter release binaries, verified by checksum, one per
// exporter, version and architecture. Filled from the upstream release (archive checked
// against the published sha256sums, then unpacked) or, offline and in the lab, from a
// local binary the caller vouches for. Every read checks the binary against its recorded hash.
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PromsteadError } from '../../../shared/contract/errors';
import type { BinaryRelease } from '../exporters/catalog-types';
import {
  LinuxArchitectureSchema,
  VersionSchema,
  type LinuxArchitecture,
} from '../exporters/param-validators';

const execFileAsync = promisify(execFile);
const exporterNamePattern = /^[a-z][a-z0-9_]{0,63}$/;
/** The largest archive a release download may be (node_exporter's is ~10 MB). */
const maxArchiveBytes = 200 * 1024 * 1024;

export interface CachedBinary {
  path: string;
  sha256: string;
  exporter: string;
  version: string;
  arch: LinuxArchitecture;
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
    if (!exporterNamePattern.test(exporter))
      throw new PromsteadError('VALIDATION', `"${exporter}" is not an exporter id.`);
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
        `The cached ${exporter} ${version} (${arch}) does not match its recorded checksum: delete ${folder} and fill the cache again.`,
      );
    }
    return { path, sha256: actual, exporter, version, arch };
  }

  /** Puts a binary from this machine in the cache (offline installs, the lab's Debian binaries). */
  async addLocalBinary(
    exporter: string,
    version: string,
    arch: LinuxArchitecture,
    source: string,
  ): Promise<CachedBinary> {
    const folder = this.folder(exporter, version, arch);
    await mkdir(folder, { recursive: true });
    const staged = join(folder, `.binary-${randomUUID()}`);
    try {
      await copyFile(source, staged);
      return await this.commit(folder, staged, exporter, version, arch);
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
    const sums = (await this.get(release.checksumsUrl(version), signal)).toString('utf8');
    const expected = checksumFor(sums, archiveName);
    if (!expected) {
      throw new PromsteadError(
        'CONFLICT',
        `The published checksums of ${exporter} ${version} list no ${archiveName}.`,
      );
    }
    const archive = await this.get(archiveUrl, signal);
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
      // argv, no shell; the member name comes from the catalog, not from the user.
      await execFileAsync('tar', ['-xzf', archivePath, '-C', work, '--', member], { signal });
      return await this.commit(folder, join(work, member), exporter, version, arch);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  private async get(url: string, signal?: AbortSignal): Promise<Buffer> {
    let response: Response;
    try {
      response = await this.fetchImpl(url, signal ? { signal } : {});
    } catch (error) {
      throw new PromsteadError(
        'TRANSPORT',
        `Could not download ${url} (${error instanceof Error ? error.message : String(error)}): without Internet access, fill the binary cache by hand.`,
      );
    }
    if (!response.ok)
      throw new PromsteadError('TRANSPORT', `Downloading ${url} answered HTTP ${response.status}.`);
    const length = Number(response.headers.get('content-length') ?? '0');
    if (length > maxArchiveBytes)
      throw new PromsteadError('TRANSPORT', `${url} is larger than ${maxArchiveBytes} bytes.`);
    const body = Buffer.from(await response.arrayBuffer());
    if (body.length > maxArchiveBytes)
      throw new PromsteadError('TRANSPORT', `${url} is larger than ${maxArchiveBytes} bytes.`);
    return body;
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
