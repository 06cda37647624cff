// Phrases shared by the rules' evidence lines.
import type { RuleMatch } from './classification-rule';
import type { HostFacts } from './host-facts';
import { sysDescrOf } from './host-signals';
import { quote } from './text';

/** ":5001 title "Synology DiskStation"" for the service a matcher found. */
export function titleOn(match: RuleMatch): string {
  const service = match.service;
  return service ? `:${service.port} title ${quote(service.httpTitle ?? '')}` : 'a web page';
}

/** The agent's sysDescr, quoted and shortened. */
export function sysDescrShown(facts: HostFacts): string {
  return quote(sysDescrOf(facts));
}
