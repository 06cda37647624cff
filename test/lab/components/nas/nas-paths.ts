// Where the NAS's daemons keep their state on the machine: one place, so up, down
// and status of the NAS components agree on every path.
import { labCacheDir, labDocker, labStateDir } from '../../lab-facts';

const nasDir = `${labStateDir}/nas`;
const dockerDir = `${nasDir}/docker`;

export const nasPaths = {
  dockerDir,
  dockerSocket: labDocker.socketPath,
  dockerDataRoot: `${dockerDir}/data`,
  dockerExecRoot: `${dockerDir}/exec`,
  dockerPidfile: `${dockerDir}/dockerd.pid`,
  dockerLog: `${dockerDir}/dockerd.log`,
  dockerConfig: `${dockerDir}/daemon.json`,
  /** The machine folders dockerd created (absent before up): removed again by down. */
  dockerCreatedDirs: `${dockerDir}/created-dirs.json`,
  /** The docker CLI's own config folder, so the machine's ~/.docker is never read. */
  dockerClientConfig: `${dockerDir}/client`,
  /** Containers' cgroups live under this parent in every hierarchy. */
  dockerCgroupParent: 'promstead-lab',

  registryDir: `${nasDir}/registry`,
  registryConfig: `${nasDir}/registry/config.yml`,
  registryPidfile: `${nasDir}/registry/registry.pid`,
  registryLog: `${nasDir}/registry/registry.log`,
  /** Kept between runs, so the images are built once per machine. */
  registryStorage: `${labCacheDir}/registry`,

  imagesBuildDir: `${nasDir}/images`,
  /** One stamp per pushed image: the hash of the recipe it was built from. */
  imagesStampDir: `${labCacheDir}/images`,

  sshDir: `${nasDir}/ssh`,
  sshConfig: `${nasDir}/ssh/sshd_config`,
  sshPidfile: `${nasDir}/ssh/sshd.pid`,
  sshLog: `${nasDir}/ssh/sshd.log`,
  sshNamespaceScript: `${nasDir}/ssh/enter-namespace.sh`,
  /** The mount namespace sshd runs in, recorded so down finds its leftover sessions. */
  sshMountNamespace: `${nasDir}/ssh/mount-namespace`,
  sshAuthorizedKeys: `${nasDir}/ssh/authorized_keys`,
  sshEtcDir: `${nasDir}/ssh/etc`,
  homeDir: `${nasDir}/home`,
} as const;
