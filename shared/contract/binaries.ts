// The binary cache as the user sees it: the exporter release binaries kept on this
// machine for systemd installs, listed, added from a local file (offline homelabs: the
// binary or its release .tar.gz carried over by hand) and removed.
import { z } from 'zod';
import { ExporterIdSchema } from './discovery';

/** The architectures upstream releases are built for, as their archive names spell them. */
export const BinaryArchitectureSchema = z.enum([
  'amd64',
  'arm64',
  'armv7',
  'armv6',
  '386',
  'ppc64le',
  's390x',
]);
export type BinaryArchitecture = z.infer<typeof BinaryArchitectureSchema>;

/** A release version without the leading v, as the catalog and the cache folders name it. */
export const BinaryVersionSchema = z.string().regex(/^\d{1,3}\.\d{1,3}\.\d{1,3}$/, 'a version like 1.8.2');

/** A path on the machine running Promstead: POSIX absolute, or a Windows drive path. */
const LocalPathSchema = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^(\/|[A-Za-z]:[\\/])/, 'an absolute path on this machine')
  .refine((path) => !path.includes('\0'), 'a path without NUL bytes');

export const CachedBinarySchema = z.object({
  exporter: ExporterIdSchema,
  version: z.string(),
  arch: BinaryArchitectureSchema,
  sha256: z.string(),
  /** Bytes. */
  size: z.number().int().min(0),
  /** Where the binary sits in the cache on this machine. */
  path: z.string(),
  /** False when the binary no longer matches its recorded hash: deploys refuse it; remove it and add it again. */
  intact: z.boolean(),
});
export type CachedBinaryEntry = z.infer<typeof CachedBinarySchema>;

export const BinaryListInputSchema = z
  .object({ exporter: ExporterIdSchema.optional() })
  .strict()
  .prefault({});

export const BinaryAddInputSchema = z
  .object({
    exporter: ExporterIdSchema,
    /** The exporter's Linux binary, or its upstream `<exporter>-<version>.linux-<arch>.tar.gz`. */
    file: LocalPathSchema,
    /** Default: the version a deploy would install (the pinned one in settings, else the catalog's). */
    version: BinaryVersionSchema.optional(),
    /** Default: read from the binary's ELF header (an ARM build must say armv7 or armv6). */
    arch: BinaryArchitectureSchema.optional(),
  })
  .strict();
export type BinaryAddInput = z.input<typeof BinaryAddInputSchema>;

export const BinaryAddResultSchema = z.object({
  binary: CachedBinarySchema,
  /** The hash of a different binary this one replaced under the same version and arch. */
  replacedSha256: z.string().optional(),
});

export const BinaryRemoveInputSchema = z
  .object({
    exporter: ExporterIdSchema,
    /** Every version when absent. */
    version: BinaryVersionSchema.optional(),
    /** Every architecture when absent. */
    arch: BinaryArchitectureSchema.optional(),
  })
  .strict();

export const BinaryRemoveResultSchema = z.object({ removed: z.array(CachedBinarySchema) });
