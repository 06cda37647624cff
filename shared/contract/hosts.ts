// Hosts Promstead deploys to: an SSH endpoint with its pinned host key and how to log in
// (secrets by SecretStore id only), or a Docker Engine endpoint reached without SSH.
import { z } from 'zod';

/** A host name or IPv4/IPv6 address: letters, digits, dots, colons, dashes. */
const AddressSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9._:-]+$/, 'a host name or an IP address');
const SecretIdSchema = z.string().min(1).max(100);
/** A POSIX login name as Linux accepts it. */
const UsernameSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[a-z_][a-z0-9_.-]*\$?$/i, 'a login name of letters, digits, _ . -');

export const HostAuthSchema = z.discriminatedUnion('kind', [
  /** The user's ssh-agent (SSH_AUTH_SOCK). */
  z.object({ kind: z.literal('agent') }).strict(),
  /** A private key file on this machine, with its passphrase in the SecretStore when it has one. */
  z
    .object({
      kind: z.literal('keyFile'),
      keyPath: z.string().min(1).max(1000),
      passphraseSecretId: SecretIdSchema.optional(),
    })
    .strict(),
  z.object({ kind: z.literal('password'), passwordSecretId: SecretIdSchema }).strict(),
]);
export type HostAuth = z.infer<typeof HostAuthSchema>;

export const HostKeySchema = z.object({
  /** `SHA256:…` as `ssh-keygen -lf` prints it. */
  fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'a SHA256 fingerprint as ssh-keygen prints it'),
  keyType: z.string().max(100),
});
export type HostKey = z.infer<typeof HostKeySchema>;

/** How commands needing root run: as root, through sudo (with a password or not), or not at all. */
export const PrivilegeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('root') }).strict(),
  z.object({ kind: z.literal('sudo'), passwordSecretId: SecretIdSchema.optional() }).strict(),
  z.object({ kind: z.literal('none') }).strict(),
]);
export type Privilege = z.infer<typeof PrivilegeSchema>;

export const SshHostRecordSchema = z.object({
  kind: z.literal('ssh'),
  id: z.string(),
  name: z.string(),
  address: AddressSchema,
  port: z.number().int().min(1).max(65_535),
  username: UsernameSchema,
  auth: HostAuthSchema,
  hostKey: HostKeySchema.extend({ pinnedAt: z.number() }),
  /** What root-only steps use; the preflight finds it, the user may change it. */
  privilege: PrivilegeSchema,
  /** The discovered host this was added from, when it was. */
  discoveredAddress: z.string().optional(),
  createdAt: z.number(),
});
export type SshHostRecord = z.infer<typeof SshHostRecordSchema>;

/** A path to a file on this machine (a socket, a certificate, a key). */
const LocalPathSchema = z.string().min(2).max(1000).regex(/^\//, 'an absolute path on this machine');

/**
 * A Docker Engine Promstead talks to directly, without SSH: this machine's socket, or
 * a daemon's TCP port with mutual TLS (`dockerd --tlsverify`), the CA pinning the daemon.
 */
export const DockerEndpointSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('socket'), socketPath: LocalPathSchema }).strict(),
  z
    .object({
      kind: z.literal('tls'),
      port: z.number().int().min(1).max(65_535),
      /** The CA that signed the daemon's certificate; the daemon must present one for `address`. */
      caPath: LocalPathSchema,
      /** This client's certificate and key, signed by a CA the daemon trusts. */
      certPath: LocalPathSchema,
      keyPath: LocalPathSchema,
    })
    .strict(),
]);
export type DockerEndpoint = z.infer<typeof DockerEndpointSchema>;

export const DockerHostRecordSchema = z.object({
  kind: z.literal('docker'),
  id: z.string(),
  name: z.string(),
  /**
   * Where the exporters it runs are reached (and, for TLS, the daemon): for this machine's
   * socket, the address Prometheus scrapes this machine at.
   */
  address: AddressSchema,
  endpoint: DockerEndpointSchema,
  discoveredAddress: z.string().optional(),
  createdAt: z.number(),
});
export type DockerHostRecord = z.infer<typeof DockerHostRecordSchema>;

/** Records saved before Docker endpoints existed have no kind: they are SSH hosts. */
const withKind = (value: unknown): unknown =>
  typeof value === 'object' && value !== null && !('kind' in value) ? { ...value, kind: 'ssh' } : value;

export const HostSchema = z.preprocess(
  withKind,
  z.discriminatedUnion('kind', [SshHostRecordSchema, DockerHostRecordSchema]),
);
export type Host = z.infer<typeof HostSchema>;

export const HostKeyScanInputSchema = z
  .object({ address: AddressSchema, port: z.number().int().min(1).max(65_535).default(22) })
  .strict();

export const HostAddInputSchema = z
  .object({
    name: z.string().min(1).max(100).optional(),
    address: AddressSchema,
    port: z.number().int().min(1).max(65_535).default(22),
    username: UsernameSchema,
    auth: HostAuthSchema,
    /** The fingerprint the user confirmed (from hosts.scanKey); the key is pinned to it. */
    fingerprint: HostKeySchema.shape.fingerprint,
    privilege: PrivilegeSchema.optional(),
    discoveredAddress: z.string().max(253).optional(),
  })
  .strict();
export type HostAddInput = z.input<typeof HostAddInputSchema>;

export const HostAddDockerInputSchema = z
  .object({
    name: z.string().min(1).max(100).optional(),
    address: AddressSchema,
    endpoint: DockerEndpointSchema,
    discoveredAddress: z.string().max(253).optional(),
  })
  .strict();
export type HostAddDockerInput = z.input<typeof HostAddDockerInputSchema>;

export const HostIdInputSchema = z.object({ id: z.string().min(1).max(100) }).strict();

export const HostRepinInputSchema = z
  .object({ id: z.string().min(1).max(100), fingerprint: HostKeySchema.shape.fingerprint })
  .strict();

/** How Promstead reaches the host, for people: `user@address:port`, a socket, or a TLS endpoint. */
export function connectionLabel(host: Host): string {
  if (host.kind === 'ssh') return `${host.username}@${host.address}:${host.port}`;
  return host.endpoint.kind === 'socket'
    ? `docker unix://${host.endpoint.socketPath}`
    : `docker tcp://${host.address}:${host.endpoint.port} (TLS)`;
}
