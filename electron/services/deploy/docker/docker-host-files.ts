// Host files for the Docker method without root: the login user may only be in the
// docker group, yet config files must land at their host paths with their owner and
// mode. Docker's archive API does it as root: a created (never started) helper container
// binds the folder, putArchive writes with the tar header's owner and mode, getArchive
// reads back. Removing needs a process: the helper runs busybox rm/rmdir with argv.
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { PromsteadError, errorText } from '@shared/contract';
import { helperEntrypoint, helperLabel } from '../../hosts';
import { firstTarEntry, packTar, type TarEntry } from './tar-entry';
import { statusOf } from './docker-errors';

export interface HostPathInfo {
  type: 'file' | 'directory' | 'symlink' | 'other';
  size: number;
  mode: number;
}

export interface HostFileContent {
  content: Buffer;
  mode: number;
  uid: number;
  gid: number;
}

export interface FileOwnership {
  mode: number;
  uid: number;
  gid: number;
}

/** Files the deploy reads are config files: a bigger one is not Promstead's. */
const maxReadBytes = 4 * 1024 * 1024;

/** `65534:65534`, `root:root` or `0` as numbers; names other than root cannot be resolved here. */
export function numericOwner(owner: string | undefined): { uid: number; gid: number } {
  if (owner === undefined) return { uid: 0, gid: 0 };
  const [user = '', group = user] = owner.split(':');
  const toId = (part: string): number => {
    if (part === 'root') return 0;
    if (/^\d{1,10}$/.test(part)) return Number(part);
    throw new PromsteadError(
      'VALIDATION',
      `Owner "${owner}": the Docker method writes files with numeric owners (uid:gid).`,
    );
  };
  return { uid: toId(user), gid: toId(group) };
}

/** A normalised absolute path (no `.`/`..`, no trailing slash), or VALIDATION. */
export function checkHostPath(path: string): string {
  if (!path.startsWith('/') || posix.normalize(path) !== path || path.length > 4096 || path.includes('\0')) {
    throw new PromsteadError('VALIDATION', `"${path}" is not a normalised absolute path.`);
  }
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

async function collect(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    total += buffer.length;
    if (total > limit) {
      stream.destroy();
      throw new PromsteadError('CONFLICT', `A file Promstead would manage is larger than ${limit} bytes.`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Go's os.FileMode bits as Docker reports them in the path-stat header. */
function infoFromGoMode(mode: number, size: number): HostPathInfo {
  const isDirectory = (mode & 0x80000000) !== 0;
  const isSymlink = (mode & 0x08000000) !== 0;
  const irregular = (mode & 0x0ff00000) !== 0;
  const type = isDirectory ? 'directory' : isSymlink ? 'symlink' : irregular ? 'other' : 'file';
  return { type, size, mode: mode & 0o777 };
}

/**
 * One session of host file work on a Docker host. Helpers are created on first need and
 * reused; `close()` removes them (call it in finally). Paths are host paths.
 */
export class DockerHostFiles {
  private readonly helpers = new Map<string, Promise<Docker.Container>>();

  constructor(
    private readonly docker: () => Docker,
    private readonly image: string,
  ) {}

  /** What is at the path, or undefined when nothing is (a parent not being a folder counts as nothing). */
  async stat(path: string): Promise<HostPathInfo | undefined> {
    const hostPath = checkHostPath(path);
    const helper = await this.helperFor('/', true);
    try {
      const response = (await helper.infoArchive({ path: `/host${hostPath}` })) as {
        headers?: Record<string, string | string[] | undefined>;
        resume?: () => void;
      };
      response.resume?.();
      const raw = response.headers?.['x-docker-container-path-stat'];
      const decoded = JSON.parse(Buffer.from(String(raw ?? ''), 'base64').toString('utf8')) as {
        mode?: number;
        size?: number;
      };
      return infoFromGoMode(Number(decoded.mode ?? 0) >>> 0, Number(decoded.size ?? 0));
    } catch (error) {
      if (statusOf(error) === 404 || statusOf(error) === 400) return undefined;
      throw error;
    }
  }

  /** A regular file's bytes with its owner and mode; undefined when it does not exist. */
  async readFile(path: string): Promise<HostFileContent | undefined> {
    const hostPath = checkHostPath(path);
    const helper = await this.helperFor('/', true);
    let archive: Buffer;
    try {
      const stream = (await helper.getArchive({ path: `/host${hostPath}` })) as unknown as Readable;
      archive = await collect(stream, maxReadBytes + 64 * 1024);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
    const entry = await firstTarEntry(archive).catch((error: unknown) => {
      throw new PromsteadError(
        'TRANSPORT',
        `Docker's archive of ${hostPath} could not be read (${errorText(error)}).`,
      );
    });
    if (!entry) return undefined;
    if (entry.type !== 'file') {
      throw new PromsteadError('CONFLICT', `${hostPath} on the host is a ${entry.type}, not a file.`);
    }
    return { content: entry.content, mode: entry.mode, uid: entry.uid, gid: entry.gid };
  }

  /** Writes (or replaces) a file in an existing folder with exactly this owner and mode. */
  async writeFile(path: string, content: Buffer, ownership: FileOwnership): Promise<void> {
    const hostPath = checkHostPath(path);
    const entry: TarEntry = { name: posix.basename(hostPath), type: 'file', content, ...ownership };
    await this.put(posix.dirname(hostPath), [entry]);
  }

  /** Creates a folder in an existing folder, with this owner and mode. */
  async mkdir(path: string, ownership: FileOwnership): Promise<void> {
    const hostPath = checkHostPath(path);
    await this.put(posix.dirname(hostPath), [
      { name: posix.basename(hostPath), type: 'directory', ...ownership },
    ]);
  }

  /** Removes a file or a folder with what it holds; a missing path is fine (rollback repeats it). */
  async removeTree(path: string): Promise<void> {
    await this.runInParent(path, 'rm', ['-rf', '--']);
  }

  /** Removes an empty folder; false when it is not empty (or gone). */
  async removeEmptyDirectory(path: string): Promise<boolean> {
    return this.runInParent(path, 'rmdir', ['--']);
  }

  /** Removes every helper this session created. */
  async close(): Promise<void> {
    const pending = [...this.helpers.values()];
    this.helpers.clear();
    for (const helper of pending) {
      const container = await helper.catch(() => undefined);
      await container?.remove({ force: true }).catch((error: unknown) => {
        if (statusOf(error) !== 404) throw error;
      });
    }
  }

  private async put(directory: string, entries: TarEntry[]): Promise<void> {
    const helper = await this.helperFor(directory, false);
    await helper.putArchive(await packTar(entries), { path: '/w' });
  }

  /** Runs busybox `applet args… /w/<name>` with the parent bound at /w; true on exit 0. */
  private async runInParent(path: string, applet: string, args: string[]): Promise<boolean> {
    const hostPath = checkHostPath(path);
    if (hostPath === '/') throw new PromsteadError('VALIDATION', 'Refusing to remove /.');
    const docker = this.docker();
    const container = await docker.createContainer({
      name: `promstead-helper-${randomBytes(6).toString('hex')}`,
      Image: this.image,
      Entrypoint: [helperEntrypoint],
      Cmd: [applet, ...args, `/w/${posix.basename(hostPath)}`],
      Labels: { [helperLabel]: 'true' },
      HostConfig: {
        NetworkMode: 'none',
        Mounts: [{ Type: 'bind', Source: posix.dirname(hostPath), Target: '/w' }],
      },
    });
    try {
      await container.start();
      const result = (await container.wait()) as { StatusCode?: number };
      return result.StatusCode === 0;
    } catch (error) {
      // The parent folder is gone: so is the path.
      if (statusOf(error) === 400 || statusOf(error) === 404) return false;
      throw error;
    } finally {
      await container.remove({ force: true }).catch(() => undefined);
    }
  }

  private helperFor(directory: string, readOnly: boolean): Promise<Docker.Container> {
    const key = `${readOnly ? 'ro' : 'rw'}:${directory}`;
    let helper = this.helpers.get(key);
    if (!helper) {
      helper = this.docker().createContainer({
        name: `promstead-helper-${randomBytes(6).toString('hex')}`,
        Image: this.image,
        Entrypoint: [helperEntrypoint],
        Cmd: ['true'],
        Labels: { [helperLabel]: 'true' },
        HostConfig: {
          NetworkMode: 'none',
          Mounts: [
            {
              Type: 'bind',
              Source: directory,
              Target: readOnly ? '/host' : '/w',
              ReadOnly: readOnly,
            },
          ],
        },
      });
      this.helpers.set(key, helper);
      helper.catch(() => this.helpers.delete(key));
    }
    return helper;
  }
}

/** Removes helpers a crashed session left (they hold no state). */
export async function removeLeftoverHelpers(docker: Docker): Promise<number> {
  const leftovers = await docker.listContainers({ all: true, filters: { label: [`${helperLabel}=true`] } });
  for (const leftover of leftovers) {
    await docker
      .getContainer(leftover.Id)
      .remove({ force: true })
      .catch(() => undefined);
  }
  return leftovers.length;
}
