// Zod building blocks shared by the database exporters: where the database is and who
// the exporter logs in as. Values land in URIs, option files, env files and SQL, so
// anything that would need quoting in one of them is refused here.
import { z } from 'zod';

const hostnameLabel = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const hostnamePattern = new RegExp(`^${hostnameLabel}(?:\\.${hostnameLabel})*$`);

/** A DNS name (a compose service name is one), an IPv4 or an IPv6 address. */
export const DatabaseHostSchema = z.union([
  z.ipv4(),
  z.ipv6(),
  z.string().max(253).regex(hostnamePattern, 'a host name of letters, digits, - and .'),
]);

/** A login name: no quotes, spaces, @, :, / or shell metacharacters, so no quoting is ever needed. */
export const DatabaseUserSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,62}$/, 'a user name of letters, digits, _ . -');

export const DatabaseNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_-]{0,62}$/, 'a database name of letters, digits, _ -');

/** host:port for a URI or a Go dial address, with IPv6 in brackets. */
export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The labels of a database exporter's scrape target: which database its series describe. */
export function databaseTargetLabels(host: string, port: number): Record<string, string> {
  return { role: 'database', database_host: hostPort(host, port) };
}

/** Compares dotted versions numerically: negative, zero or positive. */
export function compareVersions(left: string, right: string): number {
  const a = left.split('.').map(Number);
  const b = right.split('.').map(Number);
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
