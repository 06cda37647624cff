// Pure state steps and selectors for the Exporters page: the catalog, the chosen exporter
// and install style, the parameters as typed, and the artefacts the server made for them.
import type { Artefact, ArtefactsInput, CatalogEntry, InstallStyleName } from '@shared/contract';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface ExportersData {
  catalog: readonly CatalogEntry[];
  catalogStatus: LoadStatus;
  catalogError?: string;
  selectedId?: string;
  style?: InstallStyleName;
  /** The parameters exactly as typed; parsed only when a request is built. */
  paramsText: string;
  /** Where Prometheus reaches the exporter; empty means the server's default. */
  host: string;
  artefacts: readonly Artefact[];
  /** The request key the shown artefacts answer, so stale ones can be told apart. */
  artefactsKey?: string;
  artefactsStatus: LoadStatus;
  /** The server's message when it refused the request (a bad parameter, say). */
  artefactsError?: string;
}

export const defaultParamsText = '{}';

export function initialExportersData(): ExportersData {
  return {
    catalog: [],
    catalogStatus: 'idle',
    paramsText: defaultParamsText,
    host: '',
    artefacts: [],
    artefactsStatus: 'idle',
  };
}

export type ParsedParams = { ok: true; params: Record<string, unknown> } | { ok: false; error: string };

/** The typed parameters as an object; blank means none. Arrays and scalars are refused. */
export function parseParams(text: string): ParsedParams {
  if (text.trim() === '') return { ok: true, params: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'not valid JSON';
    return { ok: false, error: `Not valid JSON: ${detail}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, error: 'Parameters must be a JSON object, e.g. {"port": 9100}.' };
  return { ok: true, params: value as Record<string, unknown> };
}

/** The inline error for the parameters box, if any. */
export function paramsErrorOf(data: Pick<ExportersData, 'paramsText'>): string | undefined {
  const parsed = parseParams(data.paramsText);
  return parsed.ok ? undefined : parsed.error;
}

/** What to ask the server for now, or undefined when nothing is chosen or the JSON is bad. */
export function buildArtefactsRequest(
  data: Pick<ExportersData, 'selectedId' | 'style' | 'paramsText' | 'host'>,
): ArtefactsInput | undefined {
  if (!data.selectedId || !data.style) return undefined;
  const parsed = parseParams(data.paramsText);
  if (!parsed.ok) return undefined;
  const host = data.host.trim();
  return {
    id: data.selectedId,
    style: data.style,
    params: parsed.params,
    ...(host === '' ? {} : { host }),
  };
}

export function requestKey(input: ArtefactsInput): string {
  return JSON.stringify([input.id, input.style, input.params ?? {}, input.host ?? '']);
}

export function selectedEntry(data: Pick<ExportersData, 'catalog' | 'selectedId'>): CatalogEntry | undefined {
  return data.catalog.find((entry) => entry.id === data.selectedId);
}

/** The style to show for an entry: the current one when it has it, else its first. */
function styleFor(
  entry: CatalogEntry | undefined,
  current: InstallStyleName | undefined,
): InstallStyleName | undefined {
  if (!entry) return undefined;
  if (current && entry.installStyles.includes(current)) return current;
  return entry.installStyles[0];
}

export function applyCatalog(data: ExportersData, catalog: readonly CatalogEntry[]): ExportersData {
  const entry = catalog.find((item) => item.id === data.selectedId);
  if (entry)
    return {
      ...data,
      catalog,
      catalogStatus: 'ready',
      catalogError: undefined,
      style: styleFor(entry, data.style),
    };
  return { ...data, catalog, catalogStatus: 'ready', catalogError: undefined, ...clearedSelection() };
}

function clearedSelection(): Partial<ExportersData> {
  return {
    selectedId: undefined,
    style: undefined,
    artefacts: [],
    artefactsKey: undefined,
    artefactsStatus: 'idle',
    artefactsError: undefined,
  };
}

/** Choosing another exporter starts from its defaults; the scrape host is kept. */
export function selectExporter(data: ExportersData, id: string | undefined): ExportersData {
  if (id === data.selectedId) return data;
  const entry = data.catalog.find((item) => item.id === id);
  if (!entry) return { ...data, ...clearedSelection(), paramsText: defaultParamsText };
  return {
    ...data,
    ...clearedSelection(),
    selectedId: entry.id,
    style: styleFor(entry, data.style),
    paramsText: defaultParamsText,
  };
}

/** Only a style the selected exporter offers can be chosen. */
export function chooseStyle(data: ExportersData, style: InstallStyleName): ExportersData {
  const entry = selectedEntry(data);
  if (!entry || !entry.installStyles.includes(style) || style === data.style) return data;
  return { ...data, style };
}

export function artefactsRequested(data: ExportersData): ExportersData {
  return { ...data, artefactsStatus: 'loading' };
}

export function artefactsLoaded(
  data: ExportersData,
  key: string,
  artefacts: readonly Artefact[],
): ExportersData {
  return { ...data, artefacts, artefactsKey: key, artefactsStatus: 'ready', artefactsError: undefined };
}

/** A refused request shows only the message: files for other parameters would mislead. */
export function artefactsFailed(data: ExportersData, message: string): ExportersData {
  return {
    ...data,
    artefacts: [],
    artefactsKey: undefined,
    artefactsStatus: 'error',
    artefactsError: message,
  };
}

/** True when the artefacts shown were made for other choices than the ones on screen now. */
export function artefactsAreStale(data: ExportersData): boolean {
  if (data.artefacts.length === 0) return false;
  const request = buildArtefactsRequest(data);
  return !request || requestKey(request) !== data.artefactsKey;
}

/** A DOM-safe test id for an artefact, e.g. `artefact-systemd-unit`. */
export function artefactTestId(id: string): string {
  return `artefact-${id.replace(/[^a-zA-Z0-9]/g, '-')}`;
}

/** Where a file goes on the host, e.g. "/etc/mysqld_exporter/.my.cnf, mode 0600". */
export function placementOf(artefact: Pick<Artefact, 'path' | 'mode'>): string | undefined {
  if (artefact.path && artefact.mode) return `${artefact.path}, mode ${artefact.mode}`;
  if (artefact.path) return artefact.path;
  if (artefact.mode) return `mode ${artefact.mode}`;
  return undefined;
}

export const styleLabels = {
  docker: 'Docker',
  compose: 'Compose',
  systemd: 'systemd',
  k8s: 'Kubernetes',
  windows: 'Windows',
} as const satisfies Record<InstallStyleName, string>;
