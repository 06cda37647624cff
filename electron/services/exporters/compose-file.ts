// Renders services from the catalog into one docker-compose.yml, sorted so the same
// services always give the same bytes.
import { stringify } from 'yaml';
import type { ComposeService } from './catalog-types';

export function renderComposeFile(services: readonly { name: string; service: ComposeService }[]): string {
  const byName = Object.fromEntries(services.map(({ name, service }) => [name, service]));
  return stringify({ services: byName }, { sortMapEntries: true, lineWidth: 0 });
}

/** A compose short-syntax port: "9115:9115", or "127.0.0.1:9115:9115" bound to one address. */
export function composePort(address: string, port: number): string {
  if (address === '') return `${port}:${port}`;
  return address.includes(':') ? `[${address}]:${port}:${port}` : `${address}:${port}:${port}`;
}

/** Compose interpolates $VAR in every string; $$ is a literal dollar. */
export function composeEscape(value: string): string {
  return value.replaceAll('$', '$$$$');
}
