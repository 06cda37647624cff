// The Docker Engine API without TLS answers GET /version with JSON naming its API
// version; nothing else on port 2375 does, so that answer alone identifies it.
import { printableText } from './printable-text';

/** "Docker 24.0.5" for an Engine's /version body; undefined for anything else. */
export function dockerBannerFromVersion(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const fields = parsed as Record<string, unknown>;
  if (typeof fields.ApiVersion !== 'string') return undefined;
  const version = typeof fields.Version === 'string' ? printableText(fields.Version, 64) : undefined;
  return version ? `Docker ${version}` : 'Docker';
}
