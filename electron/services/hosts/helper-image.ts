// The small image the Docker deploy method runs to write, read and remove host files as
// root when the login user is only in the docker group (as on a Synology NAS). Data like
// the catalog's images, so the registry mirror applies to it too.
import { type ImageOverride, imageReference, type ImageSpec, type RenderContext } from '../exporters';

export const helperImage: ImageSpec = { repository: 'docker.io/library/busybox', tag: '1.36' };

/** Where the helper's static busybox sits in upstream's image and in the lab's. */
export const helperEntrypoint = '/bin/busybox';

/** Every helper carries it, so a crashed run's helpers can be found and removed. */
export const helperLabel = 'io.promstead.helper';

/**
 * The helper's reference. Only the mirror applies: an exporter's version or image
 * override in the context is that exporter's, never the helper's.
 */
export function helperImageReference(context: RenderContext, override?: ImageOverride): string {
  return imageReference(helperImage, {
    ...(context.imageRegistryMirror ? { imageRegistryMirror: context.imageRegistryMirror } : {}),
    ...(override ? { imageOverride: override } : {}),
  });
}
