// The Docker facts a deploy needs, read out of `docker info` and `docker version` as
// the Engine API returns them (checked field by field: the daemon's JSON is not trusted).
import type { DockerFacts } from '@shared/contract';
import { cleanText } from './text-bounds';

function field(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = (value as Record<string, unknown>)[key];
  if (typeof entry === 'number' && Number.isFinite(entry)) return String(entry);
  if (typeof entry !== 'string') return undefined;
  const cleaned = cleanText(entry, 200);
  return cleaned === '' ? undefined : cleaned;
}

/** /info's ServerVersion, Driver, CgroupDriver, CgroupVersion, DockerRootDir; /version's ApiVersion. */
export function dockerFactsFromApi(info: unknown, version: unknown): DockerFacts {
  const facts: DockerFacts = { status: 'reachable' };
  const entries: Array<[keyof DockerFacts, string | undefined]> = [
    ['version', field(info, 'ServerVersion') ?? field(version, 'Version')],
    ['apiVersion', field(version, 'ApiVersion')],
    ['storageDriver', field(info, 'Driver')],
    ['cgroupDriver', field(info, 'CgroupDriver')],
    ['cgroupVersion', field(info, 'CgroupVersion')],
    ['rootDir', field(info, 'DockerRootDir')],
  ];
  for (const [key, value] of entries) if (value !== undefined) Object.assign(facts, { [key]: value });
  // Only an absolute path is used later (df on it).
  if (facts.rootDir !== undefined && !facts.rootDir.startsWith('/')) delete facts.rootDir;
  return facts;
}

/** Docker's cgroup version ("1", "2") in the preflight's terms. */
export function cgroupVersionFromDocker(facts: DockerFacts): 'v1' | 'v2' | undefined {
  if (facts.cgroupVersion === '1') return 'v1';
  if (facts.cgroupVersion === '2') return 'v2';
  return undefined;
}
