// Pure rules for the deploy flow: which discovered host a saved host is, which of its
// suggestions to preselect, and the deploy input built from the chosen exporters.
import type { CatalogEntry, DeployInput, DiscoveredHost, ExporterId, Host } from '@shared/contract';
import { parseParams } from './exporters.reducer';

export interface ChosenExporter {
  /** The parameters as the person typed them (a JSON object). */
  paramsText: string;
  /** Why discovery suggested it, when it did. */
  reason?: string;
}

export type Selection = Readonly<Partial<Record<ExporterId, ChosenExporter>>>;

/** The discovered host a saved host came from, or the one at its address. */
export function discoveredHostFor(
  host: Pick<Host, 'address' | 'discoveredAddress'>,
  discovered: readonly DiscoveredHost[],
): DiscoveredHost | undefined {
  const byOrigin = host.discoveredAddress
    ? discovered.find((candidate) => candidate.address === host.discoveredAddress)
    : undefined;
  return byOrigin ?? discovered.find((candidate) => candidate.address === host.address);
}

/** Suggestions not already running there and that Promstead can deploy (in the catalog). */
export function suggestedSelection(
  discovered: DiscoveredHost | undefined,
  catalog: readonly CatalogEntry[],
): Selection {
  const known = new Set(catalog.map((entry) => entry.id));
  const selection: Partial<Record<ExporterId, ChosenExporter>> = {};
  for (const suggestion of discovered?.suggestions ?? []) {
    if (suggestion.present || !known.has(suggestion.exporter)) continue;
    selection[suggestion.exporter] = { paramsText: '{}', reason: suggestion.reason };
  }
  return selection;
}

export type BuiltInput = { ok: true; input: DeployInput } | { ok: false; error: string };

/** The deploy input, or the first problem that stops it (nothing chosen, bad JSON). */
export function buildDeployInput(
  hostId: string | undefined,
  selection: Selection,
  method: NonNullable<DeployInput['method']> = 'auto',
): BuiltInput {
  if (!hostId) return { ok: false, error: 'Choose a host first.' };
  const exporters: DeployInput['exporters'] = [];
  for (const [exporter, chosen] of Object.entries(selection) as [ExporterId, ChosenExporter | undefined][]) {
    if (!chosen) continue;
    const parsed = parseParams(chosen.paramsText);
    if (!parsed.ok) return { ok: false, error: `${exporter}: ${parsed.error}` };
    exporters.push({ exporter, params: parsed.params });
  }
  if (exporters.length === 0) return { ok: false, error: 'Choose at least one exporter.' };
  return { ok: true, input: { hostId, exporters, method } };
}

/** The ports the chosen exporters would listen on, for a preflight's port check. */
export function portsOf(selection: Selection, catalog: readonly CatalogEntry[]): number[] {
  const ports = new Set<number>();
  for (const [exporter, chosen] of Object.entries(selection) as [ExporterId, ChosenExporter | undefined][]) {
    if (!chosen) continue;
    const parsed = parseParams(chosen.paramsText);
    const port = parsed.ok ? parsed.params.port : undefined;
    const fallback = catalog.find((entry) => entry.id === exporter)?.defaultPort;
    if (typeof port === 'number' && Number.isInteger(port)) ports.add(port);
    else if (fallback !== undefined) ports.add(fallback);
  }
  return [...ports];
}

/** The saved host for a discovered address: added from it, or at the same address. */
export function savedHostFor(
  address: string,
  hosts: readonly Pick<Host, 'id' | 'address' | 'discoveredAddress'>[],
): string | undefined {
  return (
    hosts.find((host) => host.discoveredAddress === address)?.id ??
    hosts.find((host) => host.address === address)?.id
  );
}
