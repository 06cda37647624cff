// The alert rules that belong to one catalog entry: the exporter-health rule scoped to
// the entry's own scrape jobs, then the groups of its rule pack (prometheus/rule-packs.ts).
import { exporterDownRule, type RuleGroup } from '../prometheus';

export function exporterAlertRules(
  exporterId: string,
  jobNames: readonly string[],
  packGroups: RuleGroup[] = [],
): RuleGroup[] {
  return [{ name: `${exporterId}_health`, rules: [exporterDownRule(jobNames)] }, ...packGroups];
}
