// From a monitoring spec (which exporter runs where) to prometheus.yml and its rule file:
// each exporter's catalog definition contributes its scrape jobs and alert rules, and
// jobs of the same exporter on several hosts merge into one job with several targets.
import {
  PromsteadError,
  type DropRule,
  type MonitoringSpec,
  type RenderedFile,
  type ScrapeTierName,
} from '@shared/contract';
import { compileDropRules, dropRuleToRelabel } from '@shared/metrics';
import { findExporter } from '../exporters';
import { ConfigImportError, exportPrometheusConfig, importPrometheusConfig } from '../importers';
import {
  renderPrometheusConfig,
  renderRuleFile,
  validateConfigModel,
  type MultiTargetJob,
  type PrometheusConfigModel,
  type RelabelRule,
  type RuleGroup,
  type ScrapeJob,
} from '../prometheus';

/** Where the rule file goes, relative to prometheus.yml. */
export const promsteadRuleFilePath = 'rules/promstead.yml';

export interface MonitoringConfig {
  model: PrometheusConfigModel;
  ruleGroups: RuleGroup[];
}

export function buildMonitoringConfig(spec: MonitoringSpec): MonitoringConfig {
  const jobs = new ScrapeJobMerger();
  const multiTargetJobs = new JobMerger<MultiTargetJob>();
  const ruleGroups = new Map<string, RuleGroup>();

  // A canonical order, so which job keeps the plain name never depends on input order.
  const ordered = spec.exporters
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => canonicalKey(a.entry).localeCompare(canonicalKey(b.entry)));
  for (const { entry, index } of ordered) {
    const where = `exporters[${index}] (${entry.exporter} on ${entry.host})`;
    const definition = findExporter(entry.exporter);
    if (!definition) {
      throw new PromsteadError(
        'VALIDATION',
        `${where}: "${entry.exporter}" is not in the catalog; \`promstead exporter list\` shows the exporters it has.`,
      );
    }
    const parsed = definition.params.safeParse(entry.params);
    if (!parsed.success) {
      const issues = parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || 'params'}: ${issue.message}`,
      );
      throw new PromsteadError('VALIDATION', `${where}: ${issues.join('; ')}`);
    }
    const labels = targetLabels(entry.tier, entry.labels);
    const drops = entryDrops(entry.drops ?? [], where);
    const scrape = definition.scrapeJobs(parsed.data, { host: entry.host, tier: entry.tier });
    for (const job of scrape.jobs) {
      jobs.addWithDrops(
        {
          ...job,
          staticConfigs: job.staticConfigs.map((group) => ({
            ...group,
            labels: { ...group.labels, ...labels },
          })),
        },
        entry.tier,
        drops,
      );
    }
    for (const job of scrape.multiTargetJobs) {
      // A probe job's drops are part of it: probes with other drops get a job of their own.
      const metricRelabelConfigs = [
        ...(job.metricRelabelConfigs ?? []),
        ...drops.map((rule) => dropRuleToRelabel(rule)),
      ];
      multiTargetJobs.add(
        {
          ...job,
          labels: { ...job.labels, ...labels },
          ...(metricRelabelConfigs.length > 0 ? { metricRelabelConfigs } : {}),
        },
        entry.tier,
      );
    }
    for (const group of definition.alertRules(parsed.data)) addRuleGroup(ruleGroups, group, where);
  }

  const sortedGroups = [...ruleGroups.values()].sort((a, b) => a.name.localeCompare(b.name));
  const model: PrometheusConfigModel = {
    global: {
      ...(spec.global.scrapeInterval ? { scrapeInterval: spec.global.scrapeInterval } : {}),
      ...(spec.global.evaluationInterval ? { evaluationInterval: spec.global.evaluationInterval } : {}),
      externalLabels: spec.global.externalLabels,
    },
    jobs: jobs.list(),
    multiTargetJobs: multiTargetJobs.list(),
    ruleFiles: sortedGroups.length > 0 ? [promsteadRuleFilePath] : [],
    ...(spec.alertmanagers.length > 0 ? { alertmanagers: [...spec.alertmanagers].sort() } : {}),
  };
  const problems = validateConfigModel(model);
  if (problems.length > 0) {
    throw new PromsteadError('VALIDATION', `The configuration would not be valid: ${problems.join('; ')}`);
  }
  return { model, ruleGroups: sortedGroups };
}

/** prometheus.yml first, then the rule file it names. */
export function renderMonitoringFiles(spec: MonitoringSpec): RenderedFile[] {
  const { model, ruleGroups } = buildMonitoringConfig(spec);
  const files: RenderedFile[] = [{ path: 'prometheus.yml', content: renderPrometheusConfig(model) }];
  if (ruleGroups.length > 0) files.push({ path: promsteadRuleFilePath, content: renderRuleFile(ruleGroups) });
  return files;
}

/**
 * Promstead's jobs and rule file merged into a user's own prometheus.yml: everything else
 * in it (globals, remote_write, other jobs, comments) stays as it was. A job of the same
 * name is replaced, and the notes say which.
 */
export function mergeMonitoringFiles(
  existingText: string,
  spec: MonitoringSpec,
): { files: RenderedFile[]; notes: string[] } {
  const { model, ruleGroups } = buildMonitoringConfig(spec);
  const imported = importExisting(existingText);
  const theirs = new Set(
    [...imported.model.jobs, ...imported.model.multiTargetJobs].map((job) => job.jobName),
  );
  for (const name of imported.unmanagedJobs) theirs.add(name);
  const replaced = [...model.jobs, ...model.multiTargetJobs]
    .map((job) => job.jobName)
    .filter((name) => theirs.has(name));
  const ruleFiles = [...new Set([...imported.model.ruleFiles, ...model.ruleFiles])];
  const merged = exportPrometheusConfig(imported.document, {
    upsertJobs: model.jobs,
    upsertMultiTargetJobs: model.multiTargetJobs,
    ruleFiles,
  });
  const files: RenderedFile[] = [{ path: 'prometheus.yml', content: merged }];
  if (ruleGroups.length > 0) files.push({ path: promsteadRuleFilePath, content: renderRuleFile(ruleGroups) });
  const notes = replaced.length > 0 ? [`Replaced your job(s) of the same name: ${replaced.join(', ')}.`] : [];
  return { files, notes };
}

const tierRank: Record<ScrapeTierName, number> = { standard: 0, critical: 1, low: 2 };

function canonicalKey(entry: MonitoringSpec['exporters'][number]): string {
  return [entry.exporter, tierRank[entry.tier], entry.host, JSON.stringify(entry.params)].join('\u0000');
}

function importExisting(text: string): ReturnType<typeof importPrometheusConfig> {
  try {
    return importPrometheusConfig(text);
  } catch (error) {
    if (error instanceof ConfigImportError) {
      throw new PromsteadError(
        'VALIDATION',
        `The prometheus.yml to merge into is not valid YAML: ${error.message}`,
      );
    }
    throw error;
  }
}

/** tier always, and the user's labels (which may not override it). */
function targetLabels(
  tier: ScrapeTierName,
  extra: Record<string, string> | undefined,
): Record<string, string> {
  return { ...extra, tier };
}

/**
 * Rule groups of the same name from several exporters (the databases pack gives postgres
 * and redis one group each) become one group with every rule once; Prometheus refuses
 * two groups of one name in a file. Groups that disagree on their interval cannot merge.
 */
function addRuleGroup(groups: Map<string, RuleGroup>, group: RuleGroup, where: string): void {
  const existing = groups.get(group.name);
  if (!existing) {
    groups.set(group.name, group);
    return;
  }
  if (existing.interval !== group.interval) {
    throw new PromsteadError(
      'CONFLICT',
      `${where}: its rule group "${group.name}" has another evaluation interval than an earlier group of that name.`,
    );
  }
  const seen = new Set(existing.rules.map((rule) => JSON.stringify(rule)));
  const added = group.rules.filter((rule) => !seen.has(JSON.stringify(rule)));
  if (added.length > 0) groups.set(group.name, { ...existing, rules: [...existing.rules, ...added] });
}

/** The entry's drop rules, checked; VALIDATION names the entry and the rule. */
function entryDrops(rules: readonly DropRule[], where: string): DropRule[] {
  try {
    return compileDropRules(rules).map((compiled) => compiled.rule);
  } catch (error) {
    if (error instanceof PromsteadError) throw new PromsteadError(error.code, `${where}: ${error.message}`);
    throw error;
  }
}

type MergeableJob = (ScrapeJob | MultiTargetJob) & { jobName: string };

/**
 * Jobs of one name merge when everything but their targets agrees (node_exporter on
 * three hosts is one `node` job with three targets). A job that differs (another tier,
 * another probing exporter) gets the tier, then a number, appended to its name.
 */
class JobMerger<Job extends MergeableJob> {
  private readonly jobs = new Map<string, Job>();

  add(job: Job, tier: ScrapeTierName): void {
    const candidates = [job.jobName, `${job.jobName}_${tier}`];
    for (let n = 2; n < 1000; n++) candidates.push(`${job.jobName}_${tier}_${n}`);
    for (const name of candidates) {
      const existing = this.jobs.get(name);
      const renamed = { ...job, jobName: name };
      if (!existing) {
        this.jobs.set(name, renamed);
        return;
      }
      const merged = mergeTargets(existing, renamed);
      if (merged) {
        this.jobs.set(name, merged);
        return;
      }
    }
    throw new PromsteadError('VALIDATION', `Too many different "${job.jobName}" jobs to name them apart.`);
  }

  list(): Job[] {
    return [...this.jobs.values()].sort((a, b) => a.jobName.localeCompare(b.jobName));
  }
}

/**
 * Scrape jobs whose targets may each have drop rules. Drops do not keep targets apart
 * (node_exporter on three hosts stays one `node` job); when the targets of a job disagree
 * on them, each target's rules are scoped to it by its `instance` label.
 */
class ScrapeJobMerger extends JobMerger<ScrapeJob> {
  private readonly drops: { targets: string[]; rules: DropRule[] }[] = [];

  addWithDrops(job: ScrapeJob, tier: ScrapeTierName, rules: DropRule[]): void {
    this.add(job, tier);
    this.drops.push({ targets: job.staticConfigs.flatMap((group) => group.targets), rules });
  }

  override list(): ScrapeJob[] {
    return super.list().map((job) => {
      const targets = new Set(job.staticConfigs.flatMap((group) => group.targets));
      const mine = this.drops.filter((entry) => entry.targets.some((target) => targets.has(target)));
      const relabels = this.relabelsFor(mine);
      if (relabels.length === 0) return job;
      return { ...job, metricRelabelConfigs: [...(job.metricRelabelConfigs ?? []), ...relabels] };
    });
  }

  private relabelsFor(entries: readonly { targets: string[]; rules: DropRule[] }[]): RelabelRule[] {
    const [first] = entries;
    if (!first) return [];
    const same = entries.every((entry) => JSON.stringify(entry.rules) === JSON.stringify(first.rules));
    if (same) return first.rules.map((rule) => dropRuleToRelabel(rule));
    return entries.flatMap((entry) =>
      entry.targets.flatMap((target) =>
        entry.rules.map((rule) => dropRuleToRelabel(rule, { instance: target })),
      ),
    );
  }
}

/** The two jobs as one, or undefined when they differ in more than their targets. */
function mergeTargets<Job extends MergeableJob>(a: Job, b: Job): Job | undefined {
  if ('staticConfigs' in a && 'staticConfigs' in b) {
    const { staticConfigs: groupsA, ...restA } = a;
    const { staticConfigs: groupsB, ...restB } = b;
    if (JSON.stringify(restA) !== JSON.stringify(restB)) return undefined;
    return { ...a, staticConfigs: mergeGroups([...groupsA, ...groupsB]) };
  }
  if ('targets' in a && 'targets' in b) {
    const { targets: targetsA, ...restA } = a;
    const { targets: targetsB, ...restB } = b;
    if (JSON.stringify(restA) !== JSON.stringify(restB)) return undefined;
    return { ...a, targets: [...new Set([...targetsA, ...targetsB])].sort() };
  }
  return undefined;
}

/** Groups with the same labels become one; targets are sorted and unique. */
function mergeGroups(groups: ScrapeJob['staticConfigs']): ScrapeJob['staticConfigs'] {
  const byLabels = new Map<string, ScrapeJob['staticConfigs'][number]>();
  for (const group of groups) {
    const key = JSON.stringify(Object.entries(group.labels ?? {}).sort());
    const existing = byLabels.get(key);
    byLabels.set(key, {
      ...group,
      targets: [...new Set([...(existing?.targets ?? []), ...group.targets])].sort(),
    });
  }
  return [...byLabels.values()].sort((a, b) => (a.targets[0] ?? '').localeCompare(b.targets[0] ?? ''));
}
