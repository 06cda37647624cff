// Builds the image reference a container is created from, applying the user's registry
// mirror (homelabs often run one, or have no route to Docker Hub) and per-exporter
// overrides. The mirror is user input that lands in a Docker API call and in compose
// files, so it is checked against the reference grammar, not merely trimmed.
import { z } from 'zod';

export interface ImageSpec {
  /** Upstream repository, e.g. prom/node-exporter (Docker Hub) or quay.io/prometheus/node-exporter. */
  repository: string;
  tag: string;
}

const hostComponent = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const pathComponent = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const portPattern = '(?::(?:6553[0-5]|655[0-2]\\d|65[0-4]\\d{2}|6[0-4]\\d{3}|[1-5]\\d{4}|[1-9]\\d{0,3}))?';

/** registry.lan, registry.lan:5000, registry.lan:5000/dockerhub-proxy, 10.0.0.5:5000. */
const mirrorPattern = new RegExp(
  `^${hostComponent}(?:\\.${hostComponent})*${portPattern}(?:/${pathComponent})*$`,
);
const repositoryPattern = new RegExp(
  `^(?:${hostComponent}(?:\\.${hostComponent})*${portPattern}/)?${pathComponent}(?:/${pathComponent})*$`,
);
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

export const RegistryMirrorSchema = z
  .string()
  .max(255)
  .regex(mirrorPattern, 'a registry host, optional :port and path, without scheme or credentials');
export const RepositorySchema = z.string().max(255).regex(repositoryPattern, 'an image repository name');
export const TagSchema = z.string().regex(tagPattern, 'an image tag');

export const ImageOverrideSchema = z
  .object({ repository: RepositorySchema.optional(), tag: TagSchema.optional() })
  .strict();
export type ImageOverride = z.infer<typeof ImageOverrideSchema>;

export class ImageReferenceError extends Error {
  override name = 'ImageReferenceError';
}

/** The registry part of a repository, if it names one (Docker's rule: a dot, a colon or localhost). */
function splitRegistry(repository: string): { registry?: string; path: string } {
  const slash = repository.indexOf('/');
  if (slash === -1) return { path: repository };
  const first = repository.slice(0, slash);
  if (first.includes('.') || first.includes(':') || first === 'localhost') {
    return { registry: first, path: repository.slice(slash + 1) };
  }
  return { path: repository };
}

/**
 * The full reference to pull. With a mirror, the upstream registry is replaced by the
 * mirror and the path is kept (Docker Hub's single-name images gain `library/`, as a
 * pull-through cache expects).
 */
export function imageReference(
  image: ImageSpec,
  options: { imageRegistryMirror?: string; imageOverride?: ImageOverride; version?: string } = {},
): string {
  const repository = options.imageOverride?.repository ?? image.repository;
  const tag = options.imageOverride?.tag ?? (options.version ? `v${options.version}` : image.tag);
  if (!RepositorySchema.safeParse(repository).success) {
    throw new ImageReferenceError(`not an image repository: ${JSON.stringify(repository)}`);
  }
  if (!TagSchema.safeParse(tag).success) {
    throw new ImageReferenceError(`not an image tag: ${JSON.stringify(tag)}`);
  }
  const mirror = options.imageRegistryMirror;
  if (mirror === undefined || mirror === '') return `${repository}:${tag}`;
  if (!RegistryMirrorSchema.safeParse(mirror).success) {
    throw new ImageReferenceError(`not a registry mirror: ${JSON.stringify(mirror)}`);
  }
  const { path } = splitRegistry(repository);
  const mirroredPath = path.includes('/') ? path : `library/${path}`;
  return `${mirror}/${mirroredPath}:${tag}`;
}
