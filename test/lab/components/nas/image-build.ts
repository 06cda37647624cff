// Builds one lab image from a Debian package's binary: the binary, the libraries
// ldd names (with the dynamic loader), a minimal /etc, imported into the NAS's
// dockerd, pushed to the lab registry and removed locally, so tests pull for real.
import { createHash } from 'node:crypto';
import { chmod, chown, copyFile, cp, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { run } from '../../core/command';
import { labImageRef } from '../../lab-facts';
import { docker } from './docker-cli';
import { recipeFor, type ImageRecipe, type LabImage } from './image-recipes';
import { nasPaths } from './nas-paths';

/** Bump when the way images are laid out changes: every image is rebuilt once. */
const buildFormat = 1;

const etcFiles = {
  '/etc/passwd':
    'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n',
  '/etc/group': 'root:x:0:\nnogroup:x:65534:\n',
  '/etc/nsswitch.conf': 'passwd: files\ngroup: files\nhosts: files dns\n',
};

async function packageVersion(name: string): Promise<string> {
  return (await run('dpkg-query', ['-W', '-f', '${Version}', name])).stdout.trim();
}

/** Changes when the package, the recipe or the layout does: then the image is rebuilt. */
export async function recipeHash(image: LabImage): Promise<string> {
  const input = JSON.stringify({
    buildFormat,
    image,
    recipe: recipeFor(image),
    etcFiles,
    version: await packageVersion(image.debianPackage),
  });
  return createHash('sha256').update(input).digest('hex').slice(0, 16);
}

/** The shared libraries and the loader a dynamically linked program needs. */
async function libraries(binary: string): Promise<string[]> {
  const result = await run('ldd', [binary], { allowFailure: true });
  // Static programs: "not a dynamic executable", nothing to copy.
  if (result.code !== 0) return [];
  const paths = result.stdout
    .split('\n')
    .map((line) => /(?:=>\s*)?(\/\S+)\s+\(0x[0-9a-f]+\)/.exec(line)?.[1])
    .filter((path): path is string => path !== undefined);
  return [...new Set(paths)];
}

async function copyInto(root: string, source: string, target: string): Promise<void> {
  await mkdir(dirname(`${root}${target}`), { recursive: true });
  // copyFile follows symlinks: libc.so.6 arrives as the file it names.
  await copyFile(source, `${root}${target}`);
  await chmod(`${root}${target}`, (await stat(source)).mode & 0o777);
}

async function writeInto(root: string, path: string, content: string): Promise<void> {
  await mkdir(dirname(`${root}${path}`), { recursive: true });
  await writeFile(`${root}${path}`, content, { mode: 0o644 });
}

async function layOutRoot(image: LabImage, recipe: ImageRecipe, root: string): Promise<void> {
  await mkdir(`${root}/tmp`, { recursive: true });
  await chmod(`${root}/tmp`, 0o1777);
  const programs: Record<string, string> = { [recipe.entrypoint]: image.binary, ...recipe.extraBinaries };
  const libs = new Set<string>();
  for (const [target, source] of Object.entries(programs)) {
    await copyInto(root, source, target);
    for (const lib of await libraries(source)) libs.add(lib);
  }
  for (const lib of libs) await copyInto(root, lib, lib);
  for (const [path, content] of Object.entries({ ...etcFiles, ...recipe.files }))
    await writeInto(root, path, content);
  for (const dir of recipe.dirs ?? []) await mkdir(`${root}${dir}`, { recursive: true });
  for (const dir of recipe.dataDirs ?? []) {
    await mkdir(`${root}${dir}`, { recursive: true });
    const [uid = 65534, gid = uid] = (recipe.user ?? '0').split(':').map(Number);
    await chown(`${root}${dir}`, uid, gid);
  }
  for (const tree of recipe.copiedTrees ?? []) {
    await mkdir(dirname(`${root}${tree}`), { recursive: true });
    await cp(tree, `${root}${tree}`, { recursive: true, verbatimSymlinks: true });
  }
}

function importChanges(image: LabImage, recipe: ImageRecipe, hash: string): string[] {
  const changes = [`ENTRYPOINT ${JSON.stringify([recipe.entrypoint])}`];
  // Helper images (busybox) serve no port.
  if ('port' in image) changes.push(`EXPOSE ${image.port}/tcp`);
  if (recipe.cmd) changes.push(`CMD ${JSON.stringify(recipe.cmd)}`);
  if (recipe.user) changes.push(`USER ${recipe.user}`);
  if (recipe.workdir) changes.push(`WORKDIR ${recipe.workdir}`);
  changes.push(`LABEL org.opencontainers.image.version=${image.tag} io.promstead.lab.recipe=${hash}`);
  return changes.flatMap((change) => ['--change', change]);
}

export interface BuiltImage {
  ref: string;
  sizeBytes: number;
}

/** Builds, pushes and removes the local copy; the registry then holds the image. */
export async function buildAndPush(image: LabImage, hash: string): Promise<BuiltImage> {
  const recipe = recipeFor(image);
  const ref = labImageRef(image);
  const workDir = `${nasPaths.imagesBuildDir}/${image.repository.replaceAll('/', '_')}`;
  const root = `${workDir}/root`;
  const tarball = `${workDir}/rootfs.tar`;
  await rm(workDir, { recursive: true, force: true });
  await mkdir(root, { recursive: true, mode: 0o755 });
  try {
    await layOutRoot(image, recipe, root);
    await run('tar', ['--create', '--numeric-owner', '--file', tarball, '--directory', root, '.']);
    const sizeBytes = (await stat(tarball)).size;
    await docker([
      'import',
      ...importChanges(image, recipe, hash),
      '--message',
      `built by the Promstead lab from ${image.debianPackage}`,
      tarball,
      ref,
    ]);
    await docker(['push', '--quiet', ref], { timeoutMs: 300_000 });
    await docker(['image', 'rm', ref]);
    return { ref, sizeBytes };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
