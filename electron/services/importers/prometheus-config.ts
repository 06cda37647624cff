// Imports a user's prometheus.yml into the parts Promstead models (globals, scrape jobs,
// the multi-target probe jobs, rule files) and writes changes back into the same
// document, so remote_write, tls_config, file_sd_configs, comments and the rest survive.
import { isMap, isSeq, type Document, type YAMLMap } from 'yaml';
import {
  type MultiTargetJob,
  multiTargetRelabels,
  type PrometheusConfigModel,
  type RelabelRule,
  type ScrapeJob,
  type ScrapeTier,
  scrapeTierIntervals,
  type StaticTargetGroup,
} from '../prometheus';
import {
  ConfigImportError,
  flowListsUnder,
  parseEditableDocument,
  rootSeq,
  setIfChanged,
  toPlain,
  editableOutput,
} from './yaml-document';

export interface ImportedPrometheusConfig {
  model: PrometheusConfigModel;
  /** Jobs using settings Promstead does not model (file_sd_configs, tls_config…); left as they are. */
  unmanagedJobs: string[];
  document: Document;
}

export interface PrometheusConfigChanges {
  global?: PrometheusConfigModel['global'];
  upsertJobs?: ScrapeJob[];
  upsertMultiTargetJobs?: MultiTargetJob[];
  removeJobs?: string[];
  ruleFiles?: string[];
}

type Plain = Record<string, unknown>;

const modelledJobKeys = new Set([
  'job_name',
  'scrape_interval',
  'scrape_timeout',
  'metrics_path',
  'scheme',
  'params',
  'honor_labels',
  'static_configs',
  'relabel_configs',
  'metric_relabel_configs',
]);

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringRecord(value: unknown): Record<string, string> | undefined {
  if (!isPlain(value)) return undefined;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, String(entry)]));
}

function tierOf(interval: unknown): { tier: ScrapeTier; scrapeInterval?: string } {
  const match = (Object.entries(scrapeTierIntervals) as [ScrapeTier, string][]).find(
    ([, value]) => value === interval,
  );
  if (match) return { tier: match[0] };
  return typeof interval === 'string' ? { tier: 'standard', scrapeInterval: interval } : { tier: 'standard' };
}

function targetGroups(value: unknown): StaticTargetGroup[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isPlain).map((group) => {
    const labels = stringRecord(group.labels);
    return {
      targets: Array.isArray(group.targets) ? group.targets.map(String) : [],
      ...(labels ? { labels } : {}),
    };
  });
}

/** The probe pattern of render-config, recognised by its params and relabel rules. */
function asMultiTargetJob(job: Plain, name: string): MultiTargetJob | undefined {
  const path = job.metrics_path;
  if (path !== '/probe' && path !== '/snmp') return undefined;
  const params = isPlain(job.params) ? job.params : {};
  const modules = params.module;
  const auths = params.auth;
  const extraParams = Object.keys(params).filter((key) => key !== 'module' && key !== 'auth');
  if (!Array.isArray(modules) || modules.length !== 1 || extraParams.length > 0) return undefined;
  if (auths !== undefined && (!Array.isArray(auths) || auths.length !== 1)) return undefined;
  const groups = targetGroups(job.static_configs);
  const relabels = job.relabel_configs;
  if (groups.length !== 1 || !Array.isArray(relabels) || relabels.length !== 3) return undefined;
  const last: unknown = relabels[2];
  const exporterAddress =
    isPlain(last) && typeof last.replacement === 'string' ? last.replacement : undefined;
  if (exporterAddress === undefined) return undefined;
  if (JSON.stringify(relabels) !== JSON.stringify(multiTargetRelabels(exporterAddress))) return undefined;
  const [group] = groups;
  const { tier: tierLabel, ...labels } = group?.labels ?? {};
  const { tier, scrapeInterval } = tierOf(job.scrape_interval);
  if (scrapeInterval !== undefined || (tierLabel !== undefined && tierLabel !== tier)) return undefined;
  return {
    jobName: name,
    tier,
    exporterAddress,
    metricsPath: path,
    module: String(modules[0]),
    ...(Array.isArray(auths) ? { auth: String(auths[0]) } : {}),
    targets: group?.targets ?? [],
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(Array.isArray(job.metric_relabel_configs)
      ? { metricRelabelConfigs: job.metric_relabel_configs as RelabelRule[] }
      : {}),
  };
}

function asScrapeJob(job: Plain, name: string): ScrapeJob {
  const params = isPlain(job.params)
    ? Object.fromEntries(
        Object.entries(job.params).map(([key, values]) => [
          key,
          Array.isArray(values) ? values.map(String) : [],
        ]),
      )
    : undefined;
  return {
    jobName: name,
    ...tierOf(job.scrape_interval),
    ...(typeof job.scrape_timeout === 'string' ? { scrapeTimeout: job.scrape_timeout } : {}),
    ...(typeof job.metrics_path === 'string' ? { metricsPath: job.metrics_path } : {}),
    ...(job.scheme === 'http' || job.scheme === 'https' ? { scheme: job.scheme } : {}),
    ...(params ? { params } : {}),
    ...(job.honor_labels === true ? { honorLabels: true } : {}),
    staticConfigs: targetGroups(job.static_configs),
    ...(Array.isArray(job.relabel_configs) ? { relabelConfigs: job.relabel_configs as RelabelRule[] } : {}),
    ...(Array.isArray(job.metric_relabel_configs)
      ? { metricRelabelConfigs: job.metric_relabel_configs as RelabelRule[] }
      : {}),
  };
}

export function importPrometheusConfig(text: string): ImportedPrometheusConfig {
  const document = parseEditableDocument(text);
  const root = document.toJS() as unknown;
  if (root !== null && !isPlain(root)) throw new ConfigImportError('prometheus.yml is not a mapping');
  const config: Plain = root ?? {};
  const global = isPlain(config.global) ? config.global : {};
  const externalLabels = stringRecord(global.external_labels);
  const model: PrometheusConfigModel = {
    global: {
      ...(typeof global.scrape_interval === 'string' ? { scrapeInterval: global.scrape_interval } : {}),
      ...(typeof global.evaluation_interval === 'string'
        ? { evaluationInterval: global.evaluation_interval }
        : {}),
      ...(typeof global.scrape_timeout === 'string' ? { scrapeTimeout: global.scrape_timeout } : {}),
      ...(externalLabels ? { externalLabels } : {}),
    },
    jobs: [],
    multiTargetJobs: [],
    ruleFiles: Array.isArray(config.rule_files) ? config.rule_files.map(String) : [],
  };
  const unmanagedJobs: string[] = [];
  const jobs = Array.isArray(config.scrape_configs) ? config.scrape_configs.filter(isPlain) : [];
  for (const job of jobs) {
    const name = String(job.job_name);
    if (Object.keys(job).some((key) => !modelledJobKeys.has(key))) {
      unmanagedJobs.push(name);
      continue;
    }
    const multiTarget = asMultiTargetJob(job, name);
    if (multiTarget) model.multiTargetJobs.push(multiTarget);
    else model.jobs.push(asScrapeJob(job, name));
  }
  return { model, unmanagedJobs, document };
}

// ---- export ----

function relabelYaml(rule: RelabelRule): Plain {
  const keys = [
    'source_labels',
    'separator',
    'regex',
    'modulus',
    'target_label',
    'replacement',
    'action',
  ] as const;
  return Object.fromEntries(keys.filter((key) => rule[key] !== undefined).map((key) => [key, rule[key]]));
}

function groupYaml(group: StaticTargetGroup, tier: ScrapeTier): Plain {
  return { targets: [...group.targets], labels: { tier, ...group.labels } };
}

function scrapeJobYaml(job: ScrapeJob): Plain {
  const out: Plain = {
    job_name: job.jobName,
    scrape_interval: job.scrapeInterval ?? scrapeTierIntervals[job.tier],
  };
  if (job.scrapeTimeout !== undefined) out.scrape_timeout = job.scrapeTimeout;
  if (job.metricsPath !== undefined) out.metrics_path = job.metricsPath;
  if (job.honorLabels === true) out.honor_labels = true;
  if (job.scheme !== undefined) out.scheme = job.scheme;
  if (job.params && Object.keys(job.params).length > 0) out.params = job.params;
  out.static_configs = job.staticConfigs.map((group) => groupYaml(group, job.tier));
  if (job.relabelConfigs?.length) out.relabel_configs = job.relabelConfigs.map(relabelYaml);
  if (job.metricRelabelConfigs?.length)
    out.metric_relabel_configs = job.metricRelabelConfigs.map(relabelYaml);
  return out;
}

function multiTargetJobYaml(job: MultiTargetJob): Plain {
  return {
    job_name: job.jobName,
    scrape_interval: scrapeTierIntervals[job.tier],
    metrics_path: job.metricsPath,
    params: { module: [job.module], ...(job.auth !== undefined ? { auth: [job.auth] } : {}) },
    static_configs: [groupYaml({ targets: job.targets, labels: job.labels }, job.tier)],
    relabel_configs: multiTargetRelabels(job.exporterAddress).map(relabelYaml),
    ...(job.metricRelabelConfigs?.length
      ? { metric_relabel_configs: job.metricRelabelConfigs.map(relabelYaml) }
      : {}),
  };
}

function findJob(document: Document, name: string): YAMLMap | undefined {
  const jobs = document.get('scrape_configs', true);
  if (!isSeq(jobs)) return undefined;
  return jobs.items.find((item): item is YAMLMap => isMap(item) && item.get('job_name') === name);
}

function upsertJob(document: Document, rendered: Plain): void {
  const name = String(rendered.job_name);
  const existing = findJob(document, name);
  if (!existing) {
    const node = document.createNode(rendered, { aliasDuplicateObjects: false });
    flowListsUnder(node, ['source_labels', 'module', 'auth']);
    rootSeq(document, 'scrape_configs').add(node);
    return;
  }
  // Only the keys Promstead models are touched; tls_config, basic_auth… stay.
  for (const key of modelledJobKeys) {
    if (key in rendered) setIfChanged(document, existing, key, rendered[key]);
    else if (existing.has(key)) existing.delete(key);
  }
}

/** Applies changes to a copy of the imported document and returns the new text. */
export function exportPrometheusConfig(document: Document, changes: PrometheusConfigChanges = {}): string {
  const edited = document.clone();
  if (changes.global) {
    const global = edited.get('global', true);
    const target = isMap(global) ? global : (edited.createNode({}) as YAMLMap);
    if (!isMap(global)) edited.set('global', target);
    const { scrapeInterval, scrapeTimeout, evaluationInterval, externalLabels } = changes.global;
    const values: [string, unknown][] = [
      ['scrape_interval', scrapeInterval],
      ['scrape_timeout', scrapeTimeout],
      ['evaluation_interval', evaluationInterval],
      [
        'external_labels',
        externalLabels && Object.keys(externalLabels).length > 0 ? externalLabels : undefined,
      ],
    ];
    for (const [key, value] of values) {
      if (value === undefined) target.delete(key);
      else setIfChanged(edited, target, key, value);
    }
  }
  if (changes.ruleFiles) {
    if (changes.ruleFiles.length === 0) edited.delete('rule_files');
    else if (
      JSON.stringify(toPlain(edited.get('rule_files', true) as never)) !== JSON.stringify(changes.ruleFiles)
    ) {
      edited.set('rule_files', edited.createNode([...changes.ruleFiles]));
    }
  }
  for (const job of changes.upsertJobs ?? []) upsertJob(edited, scrapeJobYaml(job));
  for (const job of changes.upsertMultiTargetJobs ?? []) upsertJob(edited, multiTargetJobYaml(job));
  const jobs = edited.get('scrape_configs', true);
  if (isSeq(jobs) && changes.removeJobs?.length) {
    const removed = new Set(changes.removeJobs);
    jobs.items = jobs.items.filter((item) => !(isMap(item) && removed.has(String(item.get('job_name')))));
  }
  return edited.toString(editableOutput);
}
