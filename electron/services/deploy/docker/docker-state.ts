// Reads what a Docker host actually has for a set of desired exporters: the containers
// by name (Promstead's or not), the images present, the config paths and the ancestors
// that would have to be created, file contents (through the helper), listening ports.
import { posix } from 'node:path';
import type Docker from 'dockerode';
import { specHashLabel } from './container-settings';
import type { DesiredExporter, DockerHostFacts } from './docker-desired';
import type { DockerHostFiles, HostFileContent, HostPathInfo } from './docker-host-files';
import type { HostProcReader } from '../../hosts';
import { statusOf } from './docker-errors';

export interface ActualContainer {
  id: string;
  name: string;
  managed: boolean;
  running: boolean;
  specHash?: string;
  inspect: Docker.ContainerInspectInfo;
}

export interface DockerActualState {
  /** By container name; null when no container has the name. */
  containers: Map<string, ActualContainer | null>;
  /** Image references present on the host (of those asked about). */
  images: Set<string>;
  /** By host path; null: known to be missing. Paths not asked about are absent. */
  paths: Map<string, HostPathInfo | null>;
  /** Current content of the desired files that exist. */
  fileContents: Map<string, HostFileContent>;
  /** TCP ports something listens on; undefined when the host would not say. */
  listeningPorts?: Set<number>;
  /** Host port → name of the running container that publishes it. */
  publishedBy: Map<number, string>;
}

export async function inspectContainer(docker: Docker, name: string): Promise<ActualContainer | null> {
  try {
    const inspect = await docker.getContainer(name).inspect();
    const labels = inspect.Config.Labels ?? {};
    const hash = labels[specHashLabel];
    return {
      id: inspect.Id,
      name: inspect.Name.replace(/^\//, ''),
      managed: labels['io.promstead.managed'] === 'true',
      running: inspect.State.Running || inspect.State.Restarting,
      ...(hash ? { specHash: hash } : {}),
      inspect,
    };
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

export async function imagePresent(docker: Docker, reference: string): Promise<boolean> {
  try {
    await docker.getImage(reference).inspect();
    return true;
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
}

/** Ports in LISTEN state from /proc/net/tcp and tcp6 text. */
export function parseListeningPorts(procNetTcp: string): Set<number> {
  const ports = new Set<number>();
  for (const line of procNetTcp.split('\n')) {
    const fields = line.trim().split(/\s+/);
    const local = fields[1];
    if (fields[3] !== '0A' || !local?.includes(':')) continue;
    const port = parseInt(local.slice(local.lastIndexOf(':') + 1), 16);
    if (Number.isInteger(port)) ports.add(port);
  }
  return ports;
}

/** Whether / in PID 1's mount namespace (dockerd's on a normal host) is shared or slave. */
export function rootPropagatesFrom(mountinfo: string): boolean | undefined {
  const fields = mountinfo
    .split('\n')
    .map((line) => line.split(' '))
    .find((parts) => parts[4] === '/');
  if (!fields) return undefined;
  const optional = fields.slice(6, fields.indexOf('-'));
  return optional.some((field) => field.startsWith('shared:') || field.startsWith('master:'));
}

/** The host facts the renderer needs; unknown facts keep the catalog's defaults. */
export async function readHostFacts(read: HostProcReader, signal?: AbortSignal): Promise<DockerHostFacts> {
  const result = await read(['/proc/1/mountinfo'], signal);
  const propagates = result?.code === 0 ? rootPropagatesFrom(result.stdout) : undefined;
  const init = await read(['/proc/1/comm'], signal);
  // Unknown counts as systemd: the catalog's defaults stay as they are.
  const systemdRunning = init?.code === 0 ? init.stdout.trim() === 'systemd' : true;
  return { rootPropagates: propagates ?? true, systemdRunning };
}

async function listeningPorts(read: HostProcReader, signal?: AbortSignal): Promise<Set<number> | undefined> {
  const result = await read(['/proc/net/tcp', '/proc/net/tcp6'], signal);
  // tcp6 is missing where IPv6 is off: cat still prints tcp and exits 1.
  return result && result.stdout.length > 0 ? parseListeningPorts(result.stdout) : undefined;
}

async function publishedPorts(docker: Docker): Promise<Map<number, string>> {
  const running = await docker.listContainers({ all: false });
  const published = new Map<number, string>();
  for (const container of running) {
    for (const port of container.Ports ?? []) {
      if (port.PublicPort)
        published.set(port.PublicPort, (container.Names[0] ?? container.Id).replace(/^\//, ''));
    }
  }
  return published;
}

export async function readActualState(
  docker: Docker,
  files: DockerHostFiles,
  read: HostProcReader,
  desired: readonly DesiredExporter[],
  signal?: AbortSignal,
): Promise<DockerActualState> {
  const state: DockerActualState = {
    containers: new Map(),
    images: new Set(),
    paths: new Map(),
    fileContents: new Map(),
    publishedBy: await publishedPorts(docker),
  };
  const ports = await listeningPorts(read, signal);
  if (ports) state.listeningPorts = ports;
  const statPath = async (path: string): Promise<HostPathInfo | null> => {
    const known = state.paths.get(path);
    if (known !== undefined) return known;
    const info = (await files.stat(path)) ?? null;
    state.paths.set(path, info);
    return info;
  };
  for (const entry of desired) {
    state.containers.set(entry.spec.name, await inspectContainer(docker, entry.spec.name));
    if (await imagePresent(docker, entry.image)) state.images.add(entry.image);
    for (const file of entry.files) {
      const info = await statPath(file.path);
      if (info?.type === 'file' && file.kind === 'file') {
        const content = await files.readFile(file.path);
        if (content) state.fileContents.set(file.path, content);
      }
      // Up to the nearest existing folder: the missing ones are created first.
      let parent = posix.dirname(file.path);
      for (let depth = 0; !info && depth < 64 && (await statPath(parent)) === null; depth++) {
        parent = posix.dirname(parent);
      }
    }
  }
  return state;
}
