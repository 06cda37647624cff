// Reads what ufw, firewalld, nftables and iptables print into whether each filters
// incoming traffic and which requested ports it already lets in, and writes the rule
// that would open the others. The rules are text for the user: Promstead never runs them.
import type { FirewallFacts, FirewallKind } from '@shared/contract';
import { boundedLines, words } from './text-bounds';

export interface FirewallReading {
  state: FirewallFacts['state'];
  /** Every TCP port a rule lets in (ranges expanded only over the requested ports). */
  allows: (port: number) => boolean;
}

/** Port lists as rules write them: `22`, `22,80`, `9100:9200` (iptables, ufw) or `9100-9200` (nft). */
function portListAllows(list: string, port: number): boolean {
  return list.split(',').some((item) => {
    const range = /^(\d{1,5})\s*[:-]\s*(\d{1,5})$/.exec(item.trim());
    if (range) return port >= Number(range[1]) && port <= Number(range[2]);
    return Number(item.trim()) === port;
  });
}

/** Dropping only invalid packets does not stop a new connection to an exporter. */
function dropsNewTraffic(rule: string): boolean {
  return !/\b(ct\s+state|--ctstate|--state)\s+invalid\b/i.test(rule);
}

/** `ufw status` (root only): `Status: active`, then `To  Action  From` rows such as `9100/tcp  ALLOW  Anywhere`. */
export function readUfwStatus(text: string): FirewallReading {
  const lines = boundedLines(text, 2000);
  const status = lines.map((line) => /^Status:\s*(\w+)/.exec(line.trim())?.[1]).find(Boolean);
  const allowed: string[] = [];
  for (const line of lines) {
    const [to = '', action = ''] = words(line);
    const match = /^([\d,:]+)(\/tcp)?$/.exec(to);
    if (match?.[1] && action === 'ALLOW') allowed.push(match[1]);
  }
  return {
    state: status === 'active' ? 'active' : status === 'inactive' ? 'inactive' : 'unknown',
    allows: (port) => allowed.some((list) => portListAllows(list, port)),
  };
}

/** `firewall-cmd --state` prints `running` (exit 0) or `not running` (exit 252). */
export function readFirewalldState(stdout: string, code: number | null): FirewallReading['state'] {
  const text = stdout.trim();
  if (code === 0 && text === 'running') return 'active';
  if (text === 'not running' || code === 252) return 'inactive';
  return 'unknown';
}

/** `firewall-cmd --list-ports`: `22/tcp 9100-9110/tcp 53/udp`. */
export function readFirewalldPorts(text: string): (port: number) => boolean {
  const lists = words(boundedLines(text, 50).join(' '))
    .filter((item) => item.endsWith('/tcp'))
    .map((item) => item.slice(0, -4));
  return (port) => lists.some((list) => portListAllows(list, port));
}

export interface NftInputChain {
  family: string;
  table: string;
  chain: string;
}

/**
 * `nft list ruleset`: the chains hooked on input. One filters when its policy is drop
 * or a rule in it drops or rejects; `tcp dport 22 accept` and `tcp dport { 22, 9100 }
 * accept` rules let ports in.
 */
export function readNftRuleset(text: string): FirewallReading & { inputChains: NftInputChain[] } {
  let table: { family: string; name: string } | undefined;
  let chain: NftInputChain | undefined;
  let filters = false;
  const inputChains: NftInputChain[] = [];
  const allowed: string[] = [];
  for (const raw of boundedLines(text)) {
    const line = raw.trim();
    const tableMatch = /^table\s+(\w+)\s+(\S+)\s*\{/.exec(line);
    if (tableMatch) table = { family: tableMatch[1] ?? '', name: tableMatch[2] ?? '' };
    const chainMatch = /^chain\s+(\S+)\s*\{/.exec(line);
    if (chainMatch && table) {
      // The hook (if any) is declared on the chain's next line.
      chain = { family: table.family, table: table.name, chain: chainMatch[1] ?? '' };
      continue;
    }
    if (!chain) continue;
    if (/\bhook\s+input\b/.test(line)) {
      inputChains.push(chain);
      if (/\bpolicy\s+drop\b/.test(line)) filters = true;
      continue;
    }
    if (!inputChains.includes(chain)) continue;
    if (/\b(drop|reject)\b/.test(line) && !/\baccept\b/.test(line) && dropsNewTraffic(line)) filters = true;
    const dport = /\btcp\s+dport\s+(\{[^}]{0,2000}\}|[\d:-]+)\s.*\baccept\b/.exec(`${line} `);
    if (dport?.[1]) allowed.push(dport[1].replace(/[{}\s]/g, ''));
  }
  return {
    state: inputChains.length === 0 ? 'inactive' : filters ? 'active' : 'inactive',
    allows: (port) => allowed.some((list) => portListAllows(list, port)),
    inputChains,
  };
}

/**
 * `iptables -S`: `-P INPUT DROP`, `-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT`,
 * `-A INPUT -p tcp -m multiport --dports 80,443 -j ACCEPT`, `-A INPUT -j REJECT`.
 */
export function readIptablesRules(text: string): FirewallReading {
  let filters = false;
  const allowed: string[] = [];
  for (const line of boundedLines(text)) {
    const fields = words(line);
    if (fields[0] === '-P' && fields[1] === 'INPUT' && (fields[2] === 'DROP' || fields[2] === 'REJECT'))
      filters = true;
    if (fields[0] !== '-A' || fields[1] !== 'INPUT') continue;
    const target = fields[fields.indexOf('-j') + 1];
    if ((target === 'DROP' || target === 'REJECT') && dropsNewTraffic(line)) filters = true;
    if (target !== 'ACCEPT' || !fields.includes('tcp')) continue;
    const portIndex = fields.findIndex((field) => field === '--dport' || field === '--dports');
    const list = portIndex === -1 ? undefined : fields[portIndex + 1];
    if (list) allowed.push(list);
  }
  return {
    state: filters ? 'active' : 'inactive',
    allows: (port) => allowed.some((list) => portListAllows(list, port)),
  };
}

/** A name from the host's ruleset, used in a command shown to the user only if it is plain. */
function plainName(name: string, fallback: string): string {
  return /^[A-Za-z0-9_.-]{1,64}$/.test(name) ? name : fallback;
}

/** The commands, one per line, that let the given TCP ports in through this firewall. */
export function openCommandsFor(
  kind: FirewallKind,
  ports: readonly number[],
  options: { asRoot: boolean; nftChain?: NftInputChain },
): string[] {
  if (ports.length === 0) return [];
  const sudo = options.asRoot ? '' : 'sudo ';
  switch (kind) {
    case 'ufw':
      return ports.map((port) => `${sudo}ufw allow ${port}/tcp`);
    case 'firewalld':
      return [
        ...ports.map((port) => `${sudo}firewall-cmd --permanent --add-port=${port}/tcp`),
        `${sudo}firewall-cmd --reload`,
      ];
    case 'nftables': {
      const chain = options.nftChain;
      const where = chain
        ? `${plainName(chain.family, 'inet')} ${plainName(chain.table, 'filter')} ${plainName(chain.chain, 'input')}`
        : 'inet filter input';
      // insert, not add: an appended accept would sit after the chain's final drop.
      return ports.map((port) => `${sudo}nft insert rule ${where} tcp dport ${port} accept`);
    }
    case 'iptables':
      return ports.map((port) => `${sudo}iptables -I INPUT -p tcp --dport ${port} -j ACCEPT`);
  }
}
