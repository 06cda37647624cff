// The LAN: the root-namespace guard route first, then one namespace per host, each
// with a veth onto the bridge in lab-lan, and no default route anywhere in the lab.
import { existsSync } from 'node:fs';
import { run, succeeds } from '../core/command';
import type { ComponentStatus, LabComponent, LabLog } from '../core/component';
import { labHosts, labPrefixLength, labSubnet, lanHostNames, type LabHostName } from '../lab-facts';

const lanNetns = labHosts.lan.netns;

function peerName(host: LabHostName): string {
  return `v-${labHosts[host].netns.replace(/^lab-/, '')}`.slice(0, 15);
}

export function netnsExists(name: string): boolean {
  return existsSync(`/var/run/netns/${name}`);
}

async function guardRoutePresent(): Promise<boolean> {
  const routes = await run('ip', ['route', 'show', 'type', 'unreachable', labSubnet], { allowFailure: true });
  return routes.stdout.includes(labSubnet.split('/')[0] ?? '');
}

async function addHost(host: LabHostName): Promise<void> {
  const { netns, address } = labHosts[host];
  const peer = peerName(host);
  if (!netnsExists(netns)) await run('ip', ['netns', 'add', netns]);
  await run('ip', ['link', 'set', 'lo', 'up'], { netns });
  if (!(await succeeds('ip', ['link', 'show', 'eth0'], { netns }))) {
    await run('ip', [
      'link',
      'add',
      'name',
      'eth0',
      'netns',
      netns,
      'type',
      'veth',
      'peer',
      'name',
      peer,
      'netns',
      lanNetns,
    ]);
  }
  await run('ip', ['link', 'set', peer, 'master', 'br0', 'up'], { netns: lanNetns });
  await run('ip', ['addr', 'replace', `${address}/${labPrefixLength}`, 'dev', 'eth0'], { netns });
  await run('ip', ['link', 'set', 'eth0', 'up'], { netns });
}

export const network: LabComponent = {
  name: 'network',

  async up(log: LabLog) {
    // Before any lab address exists: a packet for the lab subnet from the root
    // namespace fails here instead of leaving by the machine's default route.
    if (!(await guardRoutePresent())) await run('ip', ['route', 'replace', 'unreachable', labSubnet]);
    if (!netnsExists(lanNetns)) await run('ip', ['netns', 'add', lanNetns]);
    await run('ip', ['link', 'set', 'lo', 'up'], { netns: lanNetns });
    if (!(await succeeds('ip', ['link', 'show', 'br0'], { netns: lanNetns }))) {
      await run('ip', ['link', 'add', 'br0', 'type', 'bridge'], { netns: lanNetns });
    }
    await run('ip', ['addr', 'replace', `${labHosts.lan.address}/${labPrefixLength}`, 'dev', 'br0'], {
      netns: lanNetns,
    });
    await run('ip', ['link', 'set', 'br0', 'up'], { netns: lanNetns });
    for (const host of lanHostNames) await addHost(host);
    // As on a desktop: unprivileged ICMP datagram sockets on the workstation.
    await run('sysctl', ['-q', '-w', 'net.ipv4.ping_group_range=0 2147483647'], {
      netns: labHosts.workstation.netns,
    });
    log(`network: ${labSubnet} with ${lanHostNames.length} hosts on br0, guard route in place`);
  },

  async down() {
    // Deleting a namespace deletes its veth ends and the bridge with it.
    for (const host of [...lanHostNames].reverse()) {
      const { netns } = labHosts[host];
      if (netnsExists(netns)) await run('ip', ['netns', 'delete', netns], { allowFailure: true });
    }
    if (netnsExists(lanNetns)) await run('ip', ['netns', 'delete', lanNetns], { allowFailure: true });
    if (await guardRoutePresent())
      await run('ip', ['route', 'del', 'unreachable', labSubnet], { allowFailure: true });
  },

  async status(): Promise<ComponentStatus[]> {
    const statuses: ComponentStatus[] = [
      {
        name: 'guard route',
        state: (await guardRoutePresent()) ? 'up' : 'down',
        detail: `unreachable ${labSubnet} in the root namespace`,
      },
    ];
    for (const host of ['lan', ...lanHostNames] as const) {
      const { netns, address } = labHosts[host];
      const present = netnsExists(netns);
      let detail = present ? address : 'no namespace';
      let state: ComponentStatus['state'] = present ? 'up' : 'down';
      if (present) {
        const routes = await run('ip', ['route', 'show', 'default'], { netns, allowFailure: true });
        if (routes.stdout.trim() !== '') {
          state = 'degraded';
          detail += ' — has a default route (must not)';
        }
      }
      statuses.push({ name: `netns ${netns}`, state, detail });
    }
    return statuses;
  },
};
