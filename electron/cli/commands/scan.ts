// `promstead scan <targets…>`: discovery from a terminal, with a live progress line,
// a results table, and --json. SNMPv3 keys come from the environment, never argv (a
// command line is visible to every user of the machine), and are stored only for the
// duration of the scan.
import type { DiscoveredHost, ScanInput, SnmpV3Credential } from '@shared/contract';
import type { Engine } from '../../services/engine';
import { callOperation, runJobOperation } from '../engine-client';
import { formatTable, printJson, printLine, type Output } from '../output';
import { UsageError } from '../usage-error';

export interface ScanCommandOptions {
  targets: string[];
  communities: string[];
  snmp: boolean;
  v3User?: string;
  v3Level?: string;
  v3Auth?: string;
  v3Priv?: string;
  ports?: string;
  timeoutMs?: number;
  retries?: number;
  packetsPerSecond?: number;
  allowLarge: boolean;
}

export const v3KeyEnvironment = { auth: 'PROMSTEAD_SNMP_AUTH_KEY', priv: 'PROMSTEAD_SNMP_PRIV_KEY' } as const;

export function parsePorts(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const ports = text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
  if (ports.length === 0 || ports.some((port) => !Number.isInteger(port) || port < 1 || port > 65_535)) {
    throw new UsageError(`--ports takes port numbers from 1 to 65535 separated by commas; got "${text}".`);
  }
  return ports;
}

async function storeV3Credential(
  engine: Engine,
  options: ScanCommandOptions,
  stored: string[],
): Promise<SnmpV3Credential[]> {
  if (!options.v3User) return [];
  const level = (options.v3Level ??
    (options.v3Priv
      ? 'authPriv'
      : options.v3Auth
        ? 'authNoPriv'
        : 'noAuthNoPriv')) as SnmpV3Credential['level'];
  const credential: Record<string, string> = { user: options.v3User, level };
  const keep = async (which: 'auth' | 'priv', protocol: string | undefined): Promise<void> => {
    if (!protocol) return;
    const key = process.env[v3KeyEnvironment[which]];
    if (!key)
      throw new UsageError(
        `--v3-${which} ${protocol} needs the key in the environment variable ${v3KeyEnvironment[which]}.`,
      );
    const { id } = await callOperation(engine, 'secrets.put', {
      value: key,
      label: `scan: SNMPv3 ${which} key of ${options.v3User}`,
    });
    stored.push(id);
    credential[`${which}Protocol`] = protocol.toLowerCase();
    credential[`${which}KeySecretId`] = id;
  };
  await keep('auth', options.v3Auth);
  await keep('priv', options.v3Priv);
  return [credential as unknown as SnmpV3Credential];
}

function describeHost(host: DiscoveredHost): string[] {
  const { classification: found } = host;
  const services = host.services.map((service) =>
    service.exporter ? `${service.exporter.name}:${service.port}` : `${service.service}:${service.port}`,
  );
  const suggested = host.suggestions
    .filter((suggestion) => !suggestion.present)
    .map((suggestion) => suggestion.exporter);
  return [
    host.address,
    host.name ?? host.snmp?.sysName ?? host.hostname ?? '',
    found.kind,
    [found.vendor, found.model].filter(Boolean).join(' '),
    host.liveness === 'tcp' ? 'up (tcp)' : host.liveness,
    services.join(' '),
    [...new Set(suggested)].join(' '),
  ];
}

export async function scanCommand(engine: Engine, out: Output, options: ScanCommandOptions): Promise<number> {
  if (options.targets.length === 0) {
    const { subnets } = await callOperation(engine, 'discovery.suggestTargets', {});
    const example = subnets[0]?.cidr ?? '192.168.1.0/24';
    const yours =
      subnets.length > 0
        ? ` This machine's networks: ${subnets.map((subnet) => `${subnet.cidr} (${subnet.interface})`).join(', ')}.`
        : '';
    throw new UsageError(`Name what to scan, e.g. \`promstead scan ${example}\`.${yours}`);
  }
  const stored: string[] = [];
  try {
    const input: ScanInput = {
      targets: options.targets,
      allowLarge: options.allowLarge,
      snmp: {
        enabled: options.snmp,
        communities: options.communities.length > 0 ? options.communities : ['public'],
        v3: await storeV3Credential(engine, options, stored),
      },
      ...(options.ports !== undefined ? { ports: parsePorts(options.ports) } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.retries !== undefined ? { retries: options.retries } : {}),
      ...(options.packetsPerSecond !== undefined ? { packetsPerSecond: options.packetsPerSecond } : {}),
    };
    const startedAt = Date.now();
    const result = await runJobOperation(engine, 'discovery.scan', input, out);
    // The inventory holds earlier scans too; this scan's hosts are the ones it saw.
    const inventory = await callOperation(engine, 'discovery.inventory', {});
    const hosts = inventory.hosts.filter((host) => host.seenInLastScan && host.lastSeen >= startedAt);
    if (out.json) {
      printJson(out, { result, hosts });
      return 0;
    }
    for (const note of result.notes) printLine(out, `note: ${note}`);
    if (hosts.length > 0)
      printLine(
        out,
        formatTable(
          ['address', 'name', 'kind', 'vendor/model', 'seen by', 'services', 'suggested'],
          hosts.map(describeHost),
        ),
      );
    printLine(
      out,
      `\n${result.hostsFound} hosts up of ${result.addressesScanned} addresses in ${(result.durationMs / 1000).toFixed(1)} s (liveness by ${result.livenessMethod}).`,
    );
    return 0;
  } finally {
    for (const id of stored) await callOperation(engine, 'secrets.delete', { id }).catch(() => undefined);
  }
}
