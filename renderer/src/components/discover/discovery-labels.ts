// How discovery facts read on screen: liveness, service badges, phases, uptime.
import type { DiscoveredHost, ScanPhase, Service } from '@shared/contract';

export const livenessLabels = {
  icmp: 'icmp',
  tcp: 'up (tcp)',
  snmp: 'snmp',
  none: 'none',
} as const satisfies Record<DiscoveredHost['liveness'], string>;

const phaseLabels = {
  resolve: 'Targets',
  liveness: 'Liveness',
  snmp: 'SNMP',
  services: 'Services',
  save: 'Saving',
} as const satisfies Record<ScanPhase, string>;

export function phaseLabel(phase: ScanPhase): string {
  return phaseLabels[phase];
}

/** The port each service is found on unless said otherwise; the badge names only others. */
const usualPorts = {
  ssh: 22,
  http: 80,
  https: 443,
  docker: 2375,
  'docker-tls': 2376,
  postgres: 5432,
  mysql: 3306,
  mongodb: 27017,
  redis: 6379,
  prometheus: 9090,
  pushgateway: 9091,
} as const satisfies Partial<Record<Service['service'], number>>;

/** "ssh", "http:5000", "node_exporter:9100", "tcp:8443". */
export function serviceBadge(service: Service): string {
  if (service.exporter) return `${service.exporter.name}:${service.port}`;
  if (service.service === 'unknown') return `tcp:${service.port}`;
  const usual = (usualPorts as Partial<Record<Service['service'], number>>)[service.service];
  return usual === service.port ? service.service : `${service.service}:${service.port}`;
}

export function formatConfidence(confidence: number): string {
  return `${Math.round(Math.min(1, Math.max(0, confidence)) * 100)}%`;
}

/** "3 d 4 h", "5 h 12 min", "42 s". */
export function formatUptime(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min`;
  return `${total} s`;
}

export function formatDateTime(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
