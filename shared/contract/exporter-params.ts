// Zod building blocks for exporter params, shared by the engine (which renders them into
// shell scripts, systemd units and container specs without re-checking) and the UI
// (which checks a field as it is typed with the same schema the server applies).
import { z } from 'zod';

export const PortSchema = z.number().int().min(1).max(65_535);

/**
 * An absolute path of plain segments. Only characters that need no quoting in a shell,
 * a systemd unit or a bind spec (no spaces, colons, quotes or `$`), and no `.`/`..`
 * segments, so a path can never climb out of where it was put.
 */
export const AbsolutePathSchema = z
  .string()
  .max(255)
  .regex(/^(\/[A-Za-z0-9_][A-Za-z0-9._+-]*)+$/, 'an absolute path of letters, digits, . _ + -')
  .refine((path) => !path.split('/').some((segment) => segment === '..' || segment === '.'), {
    message: 'a path may not contain . or .. segments',
  });

/** An IPv4 or IPv6 listen address, or '' for all interfaces. Never a hostname. */
export const ListenAddressSchema = z.union([z.literal(''), z.ipv4(), z.ipv6()]);

/** A Linux system user name (useradd's portable subset). */
export const SystemUserSchema = z
  .string()
  .regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'a user name of lower-case letters, digits, _ and -');

/** A release version without the leading v, e.g. 1.8.2. */
export const VersionSchema = z.string().regex(/^\d{1,3}\.\d{1,3}\.\d{1,3}$/, 'a version like 1.8.2');

export const ContainerNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, 'a container name of letters, digits, _ . -');

/** Memory limit for the container, in MiB. */
export const MemoryLimitSchema = z.number().int().min(16).max(16_384);

export const linuxArchitectures = ['amd64', 'arm64', 'armv7', 'armv6', '386', 'ppc64le', 's390x'] as const;
export const LinuxArchitectureSchema = z.enum(linuxArchitectures);
export type LinuxArchitecture = z.infer<typeof LinuxArchitectureSchema>;

/** Formats a listen address and port the way Go's net.Listen wants them. */
export function listenAddress(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** A SecretStore id: how params refer to a password or token without holding it. */
export const SecretIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, 'a secret id');
