// Models shared by the renderer's golden tests and promtool checks.
import type { PrometheusConfigModel } from './config-model';

/** A homelab with every kind of job: plain, pushgateway, blackbox probes and SNMP. */
export const homelabModel: PrometheusConfigModel = {
  global: {
    scrapeInterval: '30s',
    evaluationInterval: '30s',
    scrapeTimeout: '10s',
    externalLabels: { environment: 'production', datacenter: 'homelab', cluster: 'main' },
  },
  jobs: [
    {
      jobName: 'node',
      tier: 'standard',
      staticConfigs: [
        { targets: ['nas.lan:9100'], labels: { role: 'storage' } },
        { targets: ['pi-hole.lan:9100', 'router.lan:9100'], labels: { role: 'network' } },
      ],
    },
    {
      jobName: 'pushgateway',
      tier: 'low',
      honorLabels: true,
      staticConfigs: [{ targets: ['monitor.lan:9091'] }],
    },
    {
      jobName: 'prometheus',
      tier: 'critical',
      staticConfigs: [{ targets: ['localhost:9090'] }],
    },
    {
      jobName: 'cadvisor',
      tier: 'standard',
      scrapeInterval: '45s',
      scrapeTimeout: '20s',
      metricsPath: '/metrics',
      scheme: 'https',
      params: { format: ['prometheus'] },
      staticConfigs: [{ targets: ['docker.lan:8080'], labels: { role: 'containers' } }],
      metricRelabelConfigs: [{ source_labels: ['__name__'], regex: 'container_tasks_state', action: 'drop' }],
    },
  ],
  multiTargetJobs: [
    {
      jobName: 'blackbox_http',
      tier: 'critical',
      exporterAddress: 'blackbox_exporter:9115',
      metricsPath: '/probe',
      module: 'http_2xx',
      targets: ['https://example.com', 'https://nas.lan:5001/'],
    },
    {
      jobName: 'blackbox_icmp',
      tier: 'standard',
      exporterAddress: 'blackbox_exporter:9115',
      metricsPath: '/probe',
      module: 'icmp_check',
      targets: ['8.8.8.8', '1.1.1.1', '192.168.1.1'],
      labels: { role: 'uplink' },
    },
    {
      jobName: 'snmp_switches',
      tier: 'low',
      exporterAddress: 'snmp_exporter:9116',
      metricsPath: '/snmp',
      module: 'if_mib',
      auth: 'public_v2',
      targets: ['192.168.1.10', '192.168.1.11'],
    },
  ],
  ruleFiles: ['rules/exporter-health.rules.yml', 'rules/node.rules.yml'],
  alertmanagers: ['alertmanager:9093'],
};

/** The least a user can give: no globals, one job. */
export const minimalModel: PrometheusConfigModel = {
  global: {},
  jobs: [{ jobName: 'node', tier: 'critical', staticConfigs: [{ targets: ['localhost:9100'] }] }],
  multiTargetJobs: [],
  ruleFiles: [],
};
