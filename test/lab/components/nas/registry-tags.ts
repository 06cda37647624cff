// Asks the lab registry which tags a repository has, from inside lab-nas.
import { labHosts, labRegistry } from '../../lab-facts';
import { getFromNamespace } from './lab-http';

/** undefined: the registry did not answer; [] : it answered, no such repository. */
export async function registryTags(repository: string): Promise<string[] | undefined> {
  const answer = await getFromNamespace(labHosts.nas.netns, `${labRegistry.url}/v2/${repository}/tags/list`);
  if (answer.status === 404) return [];
  if (answer.status !== 200) return undefined;
  const parsed: unknown = JSON.parse(answer.body);
  const tags =
    typeof parsed === 'object' && parsed !== null ? (parsed as { tags?: unknown }).tags : undefined;
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
}
