// How each kind of host is named on screen; the filter searches these words too.
import type { HostKind } from '@shared/contract';

export const hostKindLabels = {
  nas: 'NAS',
  switch: 'Switch',
  router: 'Router',
  'access-point': 'Access point',
  printer: 'Printer',
  hypervisor: 'Hypervisor',
  'linux-server': 'Linux server',
  windows: 'Windows',
  database: 'Database',
  'docker-host': 'Docker host',
  unknown: 'Unknown',
} as const satisfies Record<HostKind, string>;
