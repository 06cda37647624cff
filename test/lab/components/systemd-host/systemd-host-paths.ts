// Where the systemd host keeps its state on the machine: the cached root filesystem,
// the per-boot overlay, scripts, pidfiles and logs. One place, so up, down and status agree.
import { labStateDir, labSystemdHost } from '../../lab-facts';

const hostDir = `${labStateDir}/systemd-host`;
const cacheDir = labSystemdHost.rootfsCacheDir;

export const systemdHostPaths = {
  hostDir,
  keysDir: `${hostDir}/keys`,
  /** The boot's writable layer over the cached root filesystem, and overlayfs's work dir. */
  upperDir: `${hostDir}/upper`,
  workDir: `${hostDir}/work`,
  /** Mount point of the overlay; mounted only inside the host's own mount namespace. */
  mergedDir: `${hostDir}/merged`,
  launchScript: `${hostDir}/launch.sh`,
  bootScript: `${hostDir}/boot.sh`,
  /** The `unshare` process that holds the namespaces (what we started). */
  pidfile: `${hostDir}/unshare.pid`,
  /** Its child: systemd, PID 1 inside the host. */
  initPidfile: `${hostDir}/init.pid`,
  log: `${hostDir}/boot.log`,
  knownHosts: `${hostDir}/known_hosts`,

  cacheDir,
  rootfs: `${cacheDir}/rootfs`,
  /** The hash of the recipe the cached rootfs was built from. */
  rootfsStamp: `${cacheDir}/rootfs.recipe`,
  rootfsBuildDir: `${cacheDir}/rootfs.build`,
  /** debootstrap's downloaded packages, so a recipe change rebuilds without the network. */
  debCache: `${cacheDir}/debs`,

  /** The host's cgroup in every v1 hierarchy (its systemd nests its own below). */
  cgroupName: 'promstead-lab-systemd-host',
} as const;
