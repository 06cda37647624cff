// Facts about the host kinds themselves: how to name them, which wins a tie, and which
// are a kind of Linux host.
import type { HostKind } from '@shared/contract';

/** A kind a rule can point to; 'unknown' is only ever the absence of evidence. */
export type KnownKind = Exclude<HostKind, 'unknown'>;

export const kindLabels = {
  nas: 'NAS',
  switch: 'switch',
  router: 'router',
  'access-point': 'access point',
  printer: 'printer',
  hypervisor: 'hypervisor',
  'linux-server': 'Linux server',
  windows: 'Windows host',
  database: 'database host',
  'docker-host': 'Docker host',
  unknown: 'unknown device',
} as const satisfies Record<HostKind, string>;

/**
 * Ties of equal score go to the kind listed first. Appliances come before general-purpose
 * hosts because a fact that names an appliance (a vendor MIB, a product's web UI) is rarer
 * and more specific than one any server could show (an open port, a Linux kernel).
 */
export const kindPriority = [
  'nas',
  'hypervisor',
  'access-point',
  'router',
  'switch',
  'printer',
  'windows',
  'docker-host',
  'database',
  'linux-server',
] as const satisfies readonly KnownKind[];

/**
 * Kinds that are, underneath, a Linux (or other Unix) host. Evidence of a Linux host counts
 * for them too, so a Synology whose sysDescr starts with "Linux" stays a NAS and a Debian
 * box with the Docker API open is a Docker host: linux-server is what is left when nothing
 * more specific shows.
 */
export const linuxBasedKinds: ReadonlySet<KnownKind> = new Set<KnownKind>([
  'nas',
  'hypervisor',
  'docker-host',
  'database',
]);
