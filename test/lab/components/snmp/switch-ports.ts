// The managed switch's ports: this kernel has no dummy driver, so each port is a veth with
// both ends in lab-switch, at a fixed ifIndex so tests can name rows of its ifTable.
import { run, succeeds } from '../../core/command';
import { labHosts, labSnmp } from '../../lab-facts';
import { netnsExists } from '../network';

const netns = labHosts.switch.netns;

/**
 * A port is always admin up; its link is up only when the peer is up, so a down port reads
 * ifAdminStatus up, ifOperStatus down — an unplugged port on a real switch.
 */
export async function ensureSwitchPorts(): Promise<void> {
  for (const port of labSnmp.switchPorts) {
    if (!(await succeeds('ip', ['link', 'show', port.name], { netns }))) {
      const { peer } = port;
      await run(
        'ip',
        [
          'link',
          'add',
          'name',
          port.name,
          'index',
          String(port.ifIndex),
          'type',
          'veth',
          'peer',
          'name',
          peer.name,
          'index',
          String(peer.ifIndex),
        ],
        {
          netns,
        },
      );
    }
    await run('ip', ['link', 'set', port.name, 'up'], { netns });
    await run('ip', ['link', 'set', port.peer.name, port.up ? 'up' : 'down'], { netns });
  }
}

/** Deleting one end of a veth deletes the other; the namespace may already be gone. */
export async function removeSwitchPorts(): Promise<void> {
  if (!netnsExists(netns)) return;
  for (const port of labSnmp.switchPorts) {
    await run('ip', ['link', 'delete', port.name], { netns, allowFailure: true });
  }
}

export interface SwitchPortState {
  name: string;
  present: boolean;
  linkUp: boolean;
  expectedUp: boolean;
}

/** Each port as the kernel sees it (not present at all when lab-switch is gone). */
export async function switchPortStates(): Promise<SwitchPortState[]> {
  const namespacePresent = netnsExists(netns);
  const states: SwitchPortState[] = [];
  for (const port of labSnmp.switchPorts) {
    const result = namespacePresent
      ? await run('ip', ['-o', 'link', 'show', port.name], { netns, allowFailure: true })
      : undefined;
    const present = result?.code === 0;
    const linkUp = present && /[<,]LOWER_UP[,>]/.test(result.stdout);
    states.push({ name: port.name, present, linkUp, expectedUp: port.up });
  }
  return states;
}
