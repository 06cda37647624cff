// The network side of a deploy: whether the exporters' ports are free (from /proc,
// naming the process when ss can) and whether a firewall would keep Prometheus out,
// with the rule to open per firewall (text for the user; never run).
import type { FirewallFacts, FirewallKind, PortUse, PreflightCheck } from '@shared/contract';
import {
  openCommandsFor,
  readFirewalldPorts,
  readFirewalldState,
  readIptablesRules,
  readNftRuleset,
  readUfwStatus,
  type NftInputChain,
} from './firewall-rules';
import type { HostProbe } from './host-probe';
import { parseProcNetTcp, parseSsListeners, portsInUse, type Listener } from './listening-ports';

const procNetMaxBytes = 8 * 1024 * 1024;

export async function checkPorts(
  probe: HostProbe,
  ports: readonly number[],
): Promise<{ check: PreflightCheck; facts: PortUse[] }> {
  const base = { id: 'ports', title: 'Ports in use' } as const;
  const listeners: Listener[] = [];
  let readable = false;
  for (const path of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await probe.read(path, procNetMaxBytes);
    if (text === undefined) continue;
    readable = true;
    listeners.push(...parseProcNetTcp(text));
  }
  // ss names the process only for sockets the caller may inspect: all of them with privilege.
  const ss = probe.tool('ss');
  let named: Listener[] = [];
  if (ss && ports.length > 0) {
    const argv = [ss, '-ltnp'];
    const output = (await probe.runPrivileged(argv)) ?? (await probe.run(argv));
    if (output?.code === 0) {
      readable = true;
      named = parseSsListeners(output.stdout);
    }
  }
  const facts = portsInUse(ports, listeners, named);
  if (ports.length === 0)
    return { check: { ...base, status: 'info', detail: 'No ports were asked about.' }, facts };
  if (!readable)
    return {
      check: { ...base, status: 'info', detail: 'Neither /proc/net/tcp nor ss could be read.' },
      facts: [],
    };
  const taken = facts.filter((use) => use.inUse);
  const free = facts.filter((use) => !use.inUse).map((use) => use.port);
  if (taken.length === 0)
    return { check: { ...base, status: 'ok', detail: `Free: ${free.join(', ')}.` }, facts };
  const describe = (use: PortUse): string =>
    `${use.port} (on ${use.addresses.join(', ')}${use.process ? ` by ${use.process}` : ''})`;
  return {
    check: {
      ...base,
      status: 'warn',
      detail: `In use: ${taken.map(describe).join('; ')}.${free.length ? ` Free: ${free.join(', ')}.` : ''}`,
      fix: 'Choose another port for the exporter, or stop what listens there (it may be an exporter already deployed).',
    },
    facts,
  };
}

interface Reading {
  kind: FirewallKind;
  state: FirewallFacts['state'];
  allows: (port: number) => boolean;
  nftChain?: NftInputChain;
}

const firewallMaxBytes = 4 * 1024 * 1024;

async function readFirewalls(probe: HostProbe): Promise<Reading[]> {
  const readings: Reading[] = [];
  const none = (): boolean => false;
  const ufw = probe.tool('ufw');
  if (ufw) {
    const output = await probe.runPrivileged([ufw, 'status']);
    readings.push(
      output?.code === 0
        ? { kind: 'ufw', ...readUfwStatus(output.stdout) }
        : { kind: 'ufw', state: 'unknown', allows: none },
    );
  }
  const firewallCmd = probe.tool('firewall-cmd');
  if (firewallCmd) {
    // --state needs no privilege; the port list does (polkit or root).
    const output = await probe.run([firewallCmd, '--state'], { maxBytes: 4096 });
    const state = output ? readFirewalldState(output.stdout, output.code) : 'unknown';
    const ports = state === 'active' ? await probe.runPrivileged([firewallCmd, '--list-ports']) : undefined;
    readings.push({
      kind: 'firewalld',
      state,
      allows: ports?.code === 0 ? readFirewalldPorts(ports.stdout) : none,
    });
  }
  const nft = probe.tool('nft');
  if (nft) {
    const output = await probe.runPrivileged([nft, 'list', 'ruleset'], firewallMaxBytes);
    if (output?.code === 0) {
      const ruleset = readNftRuleset(output.stdout);
      readings.push({
        kind: 'nftables',
        state: ruleset.state,
        allows: ruleset.allows,
        ...(ruleset.inputChains[0] ? { nftChain: ruleset.inputChains[0] } : {}),
      });
    } else readings.push({ kind: 'nftables', state: 'unknown', allows: none });
  }
  const iptables = probe.tool('iptables');
  if (iptables) {
    const output = await probe.runPrivileged([iptables, '-S'], firewallMaxBytes);
    readings.push(
      output?.code === 0
        ? { kind: 'iptables', ...readIptablesRules(output.stdout) }
        : { kind: 'iptables', state: 'unknown', allows: none },
    );
  }
  return readings;
}

export async function checkFirewall(
  probe: HostProbe,
  ports: readonly number[],
  asRoot: boolean,
): Promise<{ check: PreflightCheck; facts: FirewallFacts[] }> {
  const base = { id: 'firewall', title: 'Firewall' } as const;
  const readings = await readFirewalls(probe);
  const facts: FirewallFacts[] = readings.map((reading) => {
    const allowedPorts = ports.filter((port) => reading.allows(port));
    const closed = ports.filter((port) => !reading.allows(port));
    return {
      kind: reading.kind,
      state: reading.state,
      allowedPorts,
      openCommands:
        reading.state === 'inactive'
          ? []
          : openCommandsFor(reading.kind, closed, {
              asRoot,
              ...(reading.nftChain ? { nftChain: reading.nftChain } : {}),
            }),
    };
  });
  if (facts.length === 0)
    return {
      check: { ...base, status: 'ok', detail: 'No ufw, firewalld, nft or iptables on the host.' },
      facts,
    };
  const summary = facts.map((fact) => `${fact.kind} ${fact.state}`).join(', ');
  // ufw and firewalld write their rules into nftables/iptables: the front-end is the one to use.
  const active = facts.find((fact) => fact.state === 'active');
  if (active) {
    if (active.openCommands.length === 0)
      return {
        check: { ...base, status: 'ok', detail: `${summary}; the requested ports are already allowed.` },
        facts,
      };
    return {
      check: {
        ...base,
        status: 'warn',
        detail: `${summary}: ${active.kind} filters incoming connections, so Prometheus may not reach the exporters.`,
        fix: `To let Prometheus in, run on the host:\n${active.openCommands.join('\n')}`,
      },
      facts,
    };
  }
  const unknown = facts.filter((fact) => fact.state === 'unknown');
  if (unknown.length > 0)
    return {
      check: {
        ...base,
        status: 'info',
        detail: `${summary}: the rules cannot be read without root or sudo.`,
        ...(ports.length > 0
          ? {
              fix: `If a firewall filters incoming connections, open the ports with:\n${unknown.flatMap((fact) => fact.openCommands).join('\n')}`,
            }
          : {}),
      },
      facts,
    };
  return {
    check: { ...base, status: 'ok', detail: `${summary}: nothing filters incoming connections.` },
    facts,
  };
}
