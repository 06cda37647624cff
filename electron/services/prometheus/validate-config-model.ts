// Checks a PrometheusConfigModel before it is rendered, with messages a user can act on.
// Values come from the UI and discovery, so anything Prometheus would refuse (or read
// differently from what was meant) is caught here rather than on the host.
import type { PrometheusConfigModel, RelabelRule } from './config-model';
import { isPrometheusDuration } from './duration';

/** Prometheus label names; `__`-prefixed ones are reserved for Prometheus itself. */
const labelNamePattern = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** A scrape target or exporter address: no whitespace or control characters. */
const targetPattern = /^[^\s\p{Cc}]+$/u;

export function validateConfigModel(model: PrometheusConfigModel): string[] {
  const problems: string[] = [];
  const checkDuration = (where: string, value: string | undefined): void => {
    if (value !== undefined && !isPrometheusDuration(value))
      problems.push(`${where}: "${value}" is not a duration`);
  };
  const checkLabels = (where: string, labels: Record<string, string> | undefined): void => {
    for (const name of Object.keys(labels ?? {})) {
      if (!labelNamePattern.test(name)) problems.push(`${where}: "${name}" is not a valid label name`);
      else if (name.startsWith('__')) problems.push(`${where}: label "${name}" is reserved for Prometheus`);
    }
  };
  const checkTargets = (where: string, targets: string[]): void => {
    for (const target of targets) {
      if (!targetPattern.test(target))
        problems.push(`${where}: target "${target}" is empty or contains spaces`);
    }
  };

  checkDuration('global.scrapeInterval', model.global.scrapeInterval);
  checkDuration('global.scrapeTimeout', model.global.scrapeTimeout);
  checkDuration('global.evaluationInterval', model.global.evaluationInterval);
  checkLabels('global.externalLabels', model.global.externalLabels);

  const seen = new Set<string>();
  for (const job of [...model.jobs, ...model.multiTargetJobs]) {
    if (job.jobName.trim() === '' || /\p{Cc}/u.test(job.jobName))
      problems.push(`job "${job.jobName}": invalid name`);
    if (seen.has(job.jobName)) problems.push(`job "${job.jobName}": duplicate name`);
    seen.add(job.jobName);
  }

  for (const job of model.jobs) {
    const where = `job "${job.jobName}"`;
    checkDuration(`${where} scrapeInterval`, job.scrapeInterval);
    checkDuration(`${where} scrapeTimeout`, job.scrapeTimeout);
    if (job.metricsPath !== undefined && !job.metricsPath.startsWith('/')) {
      problems.push(`${where}: metricsPath must start with "/"`);
    }
    job.staticConfigs.forEach((group) => {
      checkTargets(where, group.targets);
      checkLabels(where, group.labels);
    });
    for (const rule of [...(job.relabelConfigs ?? []), ...(job.metricRelabelConfigs ?? [])]) {
      problems.push(...relabelProblems(where, rule));
    }
  }

  for (const job of model.multiTargetJobs) {
    const where = `job "${job.jobName}"`;
    checkTargets(where, [job.exporterAddress, ...job.targets]);
    checkLabels(where, job.labels);
    if (job.module.trim() === '') problems.push(`${where}: module is empty`);
    if (job.auth !== undefined && job.metricsPath !== '/snmp')
      problems.push(`${where}: auth applies to SNMP only`);
  }

  for (const path of model.ruleFiles) {
    if (path.trim() === '' || /\p{Cc}/u.test(path)) problems.push(`rule file "${path}": invalid path`);
  }
  checkTargets('alertmanagers', model.alertmanagers ?? []);
  return problems;
}

function relabelProblems(where: string, rule: RelabelRule): string[] {
  const problems: string[] = [];
  // JavaScript's regex syntax is close to RE2's but not equal: this catches typos, and
  // promtool check config stays the final word.
  if (rule.regex !== undefined) {
    if (!compilesInJavaScript(rule.regex)) {
      problems.push(`${where}: relabel regex "${rule.regex}" does not compile`);
    }
  }
  if (rule.action === 'hashmod' && rule.modulus === undefined)
    problems.push(`${where}: hashmod needs a modulus`);
  return problems;
}

/** RE2's flag groups ((?i:…), (?s)), which JavaScript lacks, read as plain groups. */
function compilesInJavaScript(regex: string): boolean {
  for (const candidate of [regex, regex.replace(/\(\?[imsU]+:/g, '(?:').replace(/\(\?[imsU-]+\)/g, '')]) {
    try {
      new RegExp(candidate);
      return true;
    } catch {
      // Try the next reading.
    }
  }
  return false;
}
