// What a preflight found on a host before a deploy: a checklist (each check with its
// status, what was seen and how to fix it), the structured facts behind it, and the
// install method those facts imply.
import { z } from 'zod';

const PortSchema = z.number().int().min(1).max(65_535);

export const PreflightInputSchema = z
  .object({
    hostId: z.string().min(1).max(100),
    /** The ports the exporters to deploy would listen on. */
    ports: z.array(PortSchema).max(64).default([]),
  })
  .strict();
export type PreflightInput = z.input<typeof PreflightInputSchema>;

export const preflightCheckIds = [
  'privilege',
  'os',
  'nas',
  'arch',
  'init',
  'docker',
  'cgroup',
  'rootPropagation',
  'disk',
  'ports',
  'firewall',
] as const;
export const PreflightCheckIdSchema = z.enum(preflightCheckIds);
export type PreflightCheckId = z.infer<typeof PreflightCheckIdSchema>;

export const PreflightStatusSchema = z.enum(['ok', 'warn', 'fail', 'info']);
export type PreflightStatus = z.infer<typeof PreflightStatusSchema>;

export const PreflightCheckSchema = z.object({
  id: PreflightCheckIdSchema,
  title: z.string(),
  status: PreflightStatusSchema,
  /** What was seen, for a person. */
  detail: z.string(),
  /** What to do about it, as text: commands here are never run by Promstead. */
  fix: z.string().optional(),
});
export type PreflightCheck = z.infer<typeof PreflightCheckSchema>;

export const OsFactsSchema = z.object({
  /** `uname -s` (Linux, FreeBSD…). */
  kernelName: z.string().optional(),
  kernelRelease: z.string().optional(),
  /** os-release ID (debian, ubuntu, alpine…); absent where the host has no os-release. */
  id: z.string().optional(),
  idLike: z.array(z.string()),
  name: z.string(),
  versionId: z.string().optional(),
  prettyName: z.string().optional(),
});
export type OsFacts = z.infer<typeof OsFactsSchema>;

export const NasKindSchema = z.enum(['synology', 'unraid', 'truenas', 'proxmox', 'none']);
export type NasKind = z.infer<typeof NasKindSchema>;

export const NasFactsSchema = z.object({
  kind: NasKindSchema,
  /** The product's own name for itself: DSM, Unraid, TrueNAS SCALE, Proxmox VE. */
  product: z.string().optional(),
  version: z.string().optional(),
  build: z.string().optional(),
  model: z.string().optional(),
  /** The files or tools the kind was recognised by. */
  evidence: z.array(z.string()),
});
export type NasFacts = z.infer<typeof NasFactsSchema>;

export const ArchitectureSchema = z.enum([
  'amd64',
  'arm64',
  'armv7',
  'armv6',
  'armv5',
  '386',
  'ppc64le',
  's390x',
  'riscv64',
  'unknown',
]);
export type Architecture = z.infer<typeof ArchitectureSchema>;

export const ArchFactsSchema = z.object({
  /** `uname -m` as the host printed it. */
  machine: z.string(),
  arch: ArchitectureSchema,
});
export type ArchFacts = z.infer<typeof ArchFactsSchema>;

export const InitKindSchema = z.enum(['systemd', 'openrc', 'sysvinit', 'busybox', 'runit', 's6', 'other']);
export type InitKind = z.infer<typeof InitKindSchema>;

export const InitFactsSchema = z.object({
  kind: InitKindSchema,
  /** PID 1's name (/proc/1/comm). */
  pid1: z.string().optional(),
  systemctl: z.boolean(),
  /** `systemctl is-system-running`: running, degraded, offline… */
  systemState: z.string().optional(),
  /** systemd is PID 1 and answers: units can be installed. */
  systemdUsable: z.boolean(),
});
export type InitFacts = z.infer<typeof InitFactsSchema>;

export const DockerFactsSchema = z.object({
  status: z.enum(['reachable', 'permissionDenied', 'notInstalled', 'unreachable']),
  version: z.string().optional(),
  apiVersion: z.string().optional(),
  storageDriver: z.string().optional(),
  cgroupDriver: z.string().optional(),
  cgroupVersion: z.string().optional(),
  rootDir: z.string().optional(),
  /** The error as the SSH layer gave it, when Docker could not be used. */
  message: z.string().optional(),
});
export type DockerFacts = z.infer<typeof DockerFactsSchema>;

export const CgroupFactsSchema = z.object({
  version: z.enum(['v1', 'v2', 'hybrid', 'unknown']),
  /** Where the answer came from: /proc/self/mounts, /proc/1/mounts, stat, docker info. */
  source: z.string(),
});
export type CgroupFacts = z.infer<typeof CgroupFactsSchema>;

export const RootPropagationFactsSchema = z.object({
  propagation: z.enum(['shared', 'slave', 'private', 'unknown']),
  /** The mountinfo optional fields of the `/` mount, as read (shared:1 master:2…). */
  optionalFields: z.array(z.string()),
  /** /proc/1/mountinfo (the mount namespace dockerd normally shares) or /proc/self/mountinfo. */
  source: z.string(),
});
export type RootPropagationFacts = z.infer<typeof RootPropagationFactsSchema>;

export const DiskFactsSchema = z.object({
  /** The path asked about, and why. */
  path: z.string(),
  role: z.enum(['root', 'docker', 'config']),
  filesystem: z.string(),
  mountPoint: z.string(),
  sizeBytes: z.number().nonnegative(),
  availableBytes: z.number().nonnegative(),
  usedPercent: z.number().min(0).max(100),
});
export type DiskFacts = z.infer<typeof DiskFactsSchema>;

export const PortUseSchema = z.object({
  port: PortSchema,
  inUse: z.boolean(),
  /** The local addresses listening on it (0.0.0.0, ::, 127.0.0.1…). */
  addresses: z.array(z.string()),
  /** The process, when ss -ltnp could name it. */
  process: z.string().optional(),
});
export type PortUse = z.infer<typeof PortUseSchema>;

export const FirewallKindSchema = z.enum(['ufw', 'firewalld', 'nftables', 'iptables']);
export type FirewallKind = z.infer<typeof FirewallKindSchema>;

export const FirewallFactsSchema = z.object({
  kind: FirewallKindSchema,
  /** active: it filters incoming traffic; unknown: present but not readable without privilege. */
  state: z.enum(['active', 'inactive', 'unknown']),
  /** Requested ports its rules already let in, where that could be read. */
  allowedPorts: z.array(PortSchema),
  /** The commands that would open the requested ports, as text for the user. */
  openCommands: z.array(z.string()),
});
export type FirewallFacts = z.infer<typeof FirewallFactsSchema>;

export const SudoStateSchema = z.enum([
  'notNeeded',
  'passwordless',
  'passwordAccepted',
  'passwordRequired',
  'passwordRefused',
  'notAllowed',
  'notInstalled',
  'unknown',
]);

export const PrivilegeFactsSchema = z.object({
  uid: z.number().int().nonnegative().optional(),
  username: z.string().optional(),
  /** The privilege the host is configured with. */
  configured: z.enum(['root', 'sudo', 'none']),
  sudo: SudoStateSchema,
  /** What root-only steps can use now, within the configured privilege. */
  usable: z.enum(['root', 'sudo', 'none']),
  /** What the host's privilege setting should be, from what was found. */
  suggested: z.enum(['root', 'sudo', 'none']),
});
export type PrivilegeFacts = z.infer<typeof PrivilegeFactsSchema>;

export const InstallMethodSchema = z.object({
  method: z.enum(['docker', 'systemd', 'manual']),
  reason: z.string(),
});
export type InstallMethod = z.infer<typeof InstallMethodSchema>;

export const PreflightFactsSchema = z.object({
  os: OsFactsSchema,
  nas: NasFactsSchema,
  arch: ArchFactsSchema,
  init: InitFactsSchema,
  docker: DockerFactsSchema,
  cgroup: CgroupFactsSchema,
  rootPropagation: RootPropagationFactsSchema,
  disk: z.array(DiskFactsSchema),
  portsInUse: z.array(PortUseSchema),
  firewall: z.array(FirewallFactsSchema),
  privilege: PrivilegeFactsSchema,
});
export type PreflightFacts = z.infer<typeof PreflightFactsSchema>;

export const PreflightReportSchema = z.object({
  host: z.string(),
  username: z.string(),
  checkedAt: z.number(),
  checks: z.array(PreflightCheckSchema),
  facts: PreflightFactsSchema,
  installMethod: InstallMethodSchema,
});
export type PreflightReport = z.infer<typeof PreflightReportSchema>;

/** The phases of hosts.preflight: one, the checks step by step. */
export const preflightPhases = ['preflight'] as const;
