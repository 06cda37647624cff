// Which credentials to try, in which order, and how to name each without leaking
// it. v3 users come first (they are what a careful admin configured), then each
// community with v2c and then v1 (v2c reads counters and tables better; a v1-only
// agent ignores v2c).
import type { CommunityVersion, ResolvedV3Credential, SnmpQueryOptions } from './snmp-types';

export const defaultCommunityVersions: readonly CommunityVersion[] = ['v2c', 'v1'];

export type SnmpAttempt =
  | { kind: 'v3'; credential: ResolvedV3Credential; label: string }
  | { kind: 'community'; version: CommunityVersion; community: string; label: string };

/**
 * How a community is named in results and messages. A community is a password in all
 * but name, so one the user typed is never echoed: only its position in their list.
 * `public` is the factory default everybody knows, and saying so tells the person the
 * device still runs with it.
 */
export function communityLabel(community: string, index: number): string {
  return community === 'public' ? `community #${index + 1} (public)` : `community #${index + 1}`;
}

/** The shorter form for sentences: "community public" or "community #2". */
export function communityPhrase(community: string, index: number): string {
  return community === 'public' ? 'community public' : `community #${index + 1}`;
}

export function planAttempts(
  options: Pick<SnmpQueryOptions, 'communities' | 'v3' | 'versions'>,
): SnmpAttempt[] {
  const versions = [...new Set(options.versions ?? defaultCommunityVersions)];
  const attempts: SnmpAttempt[] = options.v3.map((credential) => ({
    kind: 'v3',
    credential,
    label: credential.user,
  }));
  const seen = new Set<string>();
  options.communities.forEach((community, index) => {
    // The same community twice would only double the packets and the wait.
    if (seen.has(community)) return;
    seen.add(community);
    for (const version of versions) {
      attempts.push({ kind: 'community', version, community, label: communityLabel(community, index) });
    }
  });
  return attempts;
}

/**
 * "community public (v2c, v1), community #2 (v2c) and v3 user promstead": what was
 * tried, for a timeout message. Built from the options so that numbering matches.
 */
export function describeTried(options: Pick<SnmpQueryOptions, 'communities' | 'v3' | 'versions'>): string {
  const versions = [...new Set(options.versions ?? defaultCommunityVersions)];
  const seen = new Set<string>();
  const parts: string[] = [];
  options.communities.forEach((community, index) => {
    if (seen.has(community)) return;
    seen.add(community);
    parts.push(`${communityPhrase(community, index)} (${versions.join(', ')})`);
  });
  for (const credential of options.v3) parts.push(`v3 user ${credential.user}`);
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
