// What the databases on the NAS share: where they listen (the NAS address for a scan from
// the LAN, 127.0.0.1 for exporters on the NAS itself), where their state lives, and the
// small contract each one fulfils for the databases component.
import type { ComponentStatus } from '../../core/component';
import type { DaemonState } from './processes';
import { labHosts, labStateDir } from '../../lab-facts';

export const nasNetns = labHosts.nas.netns;
export const nasAddress = labHosts.nas.address;
export const listenAddresses = ['127.0.0.1', nasAddress] as const;
export const databasesStateDir = `${labStateDir}/nas`;

export interface NasDatabase {
  name: string;
  /** Starts it (when not running) and waits until it accepts the monitoring user. */
  up(): Promise<void>;
  /** Stops it by its pid and removes its data; fine after a partial or failed up. */
  down(): Promise<void>;
  status(): Promise<ComponentStatus>;
}

/** A check of each listen address: from lab-ws for the NAS address, inside lab-nas for 127.0.0.1. */
export async function statusFromChecks(
  name: string,
  state: DaemonState,
  port: number,
  accepts: (address: string, netns: string) => Promise<boolean>,
): Promise<ComponentStatus> {
  if (state === 'stopped') return { name, state: 'down', detail: 'not running' };
  if (state === 'elsewhere')
    return { name, state: 'degraded', detail: `runs, but not in the current ${nasNetns}` };
  const where = [
    { address: nasAddress, netns: labHosts.workstation.netns },
    { address: '127.0.0.1', netns: nasNetns },
  ];
  const accepting: string[] = [];
  const refusing: string[] = [];
  for (const { address, netns } of where)
    ((await accepts(address, netns).catch(() => false)) ? accepting : refusing).push(`${address}:${port}`);
  return refusing.length === 0
    ? { name, state: 'up', detail: `accepts the monitoring user on ${accepting.join(' and ')}` }
    : { name, state: 'degraded', detail: `running, but not accepting on ${refusing.join(' and ')}` };
}
