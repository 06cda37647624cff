// The lab's components in start order; `lab down` stops them in reverse.
import type { LabComponent } from '../core/component';
import { databases } from './databases';
import { nasDocker } from './nas-docker';
import { nasImages } from './nas-images';
import { nasRegistry } from './nas-registry';
import { nasSsh } from './nas-ssh';
import { network } from './network';
import { snmpAgents } from './snmp-agents';
import { systemdHost } from './systemd-host';

export const labComponents: readonly LabComponent[] = [
  network,
  nasDocker,
  nasRegistry,
  nasImages,
  nasSsh,
  snmpAgents,
  databases,
  systemdHost,
];
