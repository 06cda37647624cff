// The exporter images the catalog deploys, built from Debian's packages (no outside
// registry is reachable) and pushed to the lab registry under upstream's names. An
// image is rebuilt only when its tag is missing there or its recipe changed.
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { ComponentStatus, LabComponent, LabLog } from '../core/component';
import { labImageRef, labImages } from '../lab-facts';
import { buildAndPush, recipeHash } from './nas/image-build';
import type { LabImage } from './nas/image-recipes';
import { nasPaths } from './nas/nas-paths';
import { registryTags } from './nas/registry-tags';

function stampPath(image: LabImage): string {
  return `${nasPaths.imagesStampDir}/${image.repository.replaceAll('/', '_')}_${image.tag}.recipe`;
}

async function inRegistry(image: LabImage): Promise<boolean | undefined> {
  const tags = await registryTags(image.repository);
  return tags === undefined ? undefined : tags.includes(image.tag);
}

async function isCurrent(image: LabImage, hash: string): Promise<boolean> {
  const stamp = await readFile(stampPath(image), 'utf8').catch(() => '');
  return stamp.trim() === hash && (await inRegistry(image)) === true;
}

const buildConcurrency = 3;

async function buildOne(image: LabImage, hash: string, log: LabLog): Promise<void> {
  const started = Date.now();
  const built = await buildAndPush(image, hash);
  if ((await inRegistry(image)) !== true) {
    throw new Error(`${built.ref} was pushed but the registry does not list it`);
  }
  await writeFile(stampPath(image), `${hash}\n`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(`nas-images: built and pushed ${built.ref} (${(built.sizeBytes / 1e6).toFixed(0)} MB) in ${seconds} s`);
}

export const nasImages: LabComponent = {
  name: 'nas-images',

  async up(log: LabLog) {
    await mkdir(nasPaths.imagesStampDir, { recursive: true });
    const stale: { image: LabImage; hash: string }[] = [];
    for (const image of labImages) {
      const hash = await recipeHash(image);
      if (!(await isCurrent(image, hash))) stale.push({ image, hash });
    }
    // A few at a time, biggest first: pushing is mostly dockerd compressing layers.
    const sizes = new Map(
      await Promise.all(stale.map(async ({ image }) => [image, (await stat(image.binary)).size] as const)),
    );
    const queue = [...stale].sort((a, b) => (sizes.get(b.image) ?? 0) - (sizes.get(a.image) ?? 0));
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next; next = queue.shift()) await buildOne(next.image, next.hash, log);
    };
    await Promise.all(Array.from({ length: Math.min(buildConcurrency, queue.length) }, worker));
    log(
      `nas-images: ${labImages.length} images in the registry (${labImages.length - stale.length} were already current)`,
    );
  },

  async down() {
    // The images stay in the registry's storage (cache dir); only build leftovers go.
    await rm(nasPaths.imagesBuildDir, { recursive: true, force: true });
  },

  async status(): Promise<ComponentStatus[]> {
    const statuses: ComponentStatus[] = [];
    for (const image of labImages) {
      const name = `image ${image.repository}`;
      const listed = await inRegistry(image);
      const detail =
        listed === undefined
          ? 'registry does not answer'
          : `${labImageRef(image)} ${listed ? '' : 'not '}in registry`;
      statuses.push({ name, state: listed ? 'up' : 'down', detail });
    }
    return statuses;
  },
};
