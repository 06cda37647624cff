// The model of a Prometheus configuration that Promstead renders: what the exporter
// catalog contributes (scrape jobs, rule groups) and what the user sets (globals,
// external labels, tiers). Rendering is deterministic, so the same model always gives
// the same file.

/** Scrape-interval tiers: critical 15 s, standard 30 s, low 60 s. */
export type ScrapeTier = 'critical' | 'standard' | 'low';
export const scrapeTierIntervals: Record<ScrapeTier, string> = {
  critical: '15s',
  standard: '30s',
  low: '60s',
};

export interface StaticTargetGroup {
  targets: string[];
  labels?: Record<string, string>;
  /** Applied to every probe's series (drop rules). */
  metricRelabelConfigs?: RelabelRule[];
}

export interface RelabelRule {
  source_labels?: string[];
  separator?: string;
  regex?: string;
  target_label?: string;
  replacement?: string;
  action?: 'replace' | 'keep' | 'drop' | 'labelmap' | 'labeldrop' | 'labelkeep' | 'hashmod';
  modulus?: number;
}

export interface ScrapeJob {
  jobName: string;
  tier: ScrapeTier;
  /** Overrides the tier's interval when set. */
  scrapeInterval?: string;
  scrapeTimeout?: string;
  metricsPath?: string;
  scheme?: 'http' | 'https';
  params?: Record<string, string[]>;
  honorLabels?: boolean;
  staticConfigs: StaticTargetGroup[];
  relabelConfigs?: RelabelRule[];
  metricRelabelConfigs?: RelabelRule[];
}

/**
 * The multi-target pattern of blackbox_exporter and snmp_exporter: the targets are the
 * things probed; Prometheus scrapes the exporter with `target` (and module/auth) params.
 */
export interface MultiTargetJob {
  jobName: string;
  tier: ScrapeTier;
  /** host:port of the exporter that does the probing. */
  exporterAddress: string;
  metricsPath: '/probe' | '/snmp';
  module: string;
  /** snmp_exporter ≥ 0.23 picks auths per scrape. */
  auth?: string;
  targets: string[];
  labels?: Record<string, string>;
  /** Applied to every probe's series (drop rules). */
  metricRelabelConfigs?: RelabelRule[];
}

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

export interface RuleGroup {
  name: string;
  interval?: string;
  rules: (AlertRule | RecordingRule)[];
}

export interface PrometheusConfigModel {
  global: {
    scrapeInterval?: string;
    evaluationInterval?: string;
    scrapeTimeout?: string;
    /** environment, datacenter, cluster… */
    externalLabels?: Record<string, string>;
  };
  jobs: ScrapeJob[];
  multiTargetJobs: MultiTargetJob[];
  /** Paths of rule files, relative to prometheus.yml. */
  ruleFiles: string[];
  alertmanagers?: string[];
}
