// What each requested exporter should look like on a systemd host: params checked, the
// catalog's unit and config files rendered (secrets filled in memory only, for the hash
// and the write), the binary's path, its service user and the unit's name.
import { createHash } from 'node:crypto';
import { describeZodError, type ExporterId, PromsteadError } from '@shared/contract';
import {
  type BinaryRelease,
  type ExporterDefinition,
  fillSecretTemplate,
  findExporter,
  type RenderContext,
  versionOf,
} from '../../exporters';
import {
  checkRemotePath,
  checkUnitName,
  checkUser,
  parseOwner,
  unitPath,
  type FileOwner,
} from './systemd-commands';

/** One exporter to install. `unitName` defaults to the binary's file name + `.service`. */
export interface SystemdDeployRequest {
  exporter: ExporterId;
  params?: Record<string, unknown>;
  renderContext?: RenderContext;
  unitName?: string;
}

export interface SystemdDesiredFile {
  path: string;
  kind: 'file' | 'directory';
  mode: number;
  owner: FileOwner;
  /** The bytes to write, secrets filled. Never logged, never in a plan. */
  content?: Buffer;
  /** The content as shown: secret references, never values. */
  shown?: string;
  sha256?: string;
  holdsSecrets: boolean;
}

export interface SystemdDesired {
  exporter: ExporterId;
  definition: ExporterDefinition<unknown>;
  paramsInput: Record<string, unknown>;
  version: string;
  release: BinaryRelease;
  binaryPath: string;
  user: string;
  unitName: string;
  unitPath: string;
  unit: string;
  /** Config files and folders, parents before children. */
  files: SystemdDesiredFile[];
  proofMetrics: string[];
  port: number;
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

function stringParam(params: unknown, name: string): string | undefined {
  const value = (params as Record<string, unknown> | null)?.[name];
  return typeof value === 'string' ? value : undefined;
}

export async function renderSystemdDesired(
  request: SystemdDeployRequest,
  baseContext: RenderContext,
  readSecret: (id: string) => Promise<string>,
): Promise<SystemdDesired> {
  const definition = findExporter(request.exporter);
  if (!definition)
    throw new PromsteadError('VALIDATION', `The catalog has no exporter "${request.exporter}".`);
  if (!definition.installStyles.includes('systemd') || !definition.binary || !definition.systemdUnit) {
    throw new PromsteadError(
      'VALIDATION',
      `${definition.name} cannot be installed as a binary with systemd.`,
    );
  }
  const paramsInput = request.params ?? {};
  const parsed = definition.params.safeParse(paramsInput);
  if (!parsed.success) {
    const problems = describeZodError(parsed.error)
      .split('; ')
      .map((part) => `params.${part}`)
      .join('; ');
    throw new PromsteadError('VALIDATION', `${request.exporter}: ${problems}`);
  }
  const params = parsed.data;
  const binaryPath = stringParam(params, 'binaryPath');
  const user = stringParam(params, 'user');
  if (!binaryPath || !user) {
    throw new PromsteadError(
      'VALIDATION',
      `${definition.name} has no binaryPath or user parameter to install with.`,
    );
  }
  const context: RenderContext = { ...baseContext, ...request.renderContext };
  // Named after the binary, as the catalog's units are: a second copy under another path gets its own unit.
  const unitName = checkUnitName(
    request.unitName ?? `${binaryPath.slice(binaryPath.lastIndexOf('/') + 1)}.service`,
  );
  const secretIds = definition
    .configFiles(params, 'systemd')
    .flatMap((file) => ('content' in file ? file.secretRefs : []));
  const secrets = new Map<string, string>();
  for (const id of secretIds) {
    if (!secrets.has(id)) secrets.set(id, await readSecret(id));
  }
  const files = definition.configFiles(params, 'systemd').map((file): SystemdDesiredFile => {
    const path = checkRemotePath(file.path);
    const owner = parseOwner(file.owner);
    if ('directory' in file) return { path, kind: 'directory', mode: file.mode, owner, holdsSecrets: false };
    const content = Buffer.from(
      fillSecretTemplate({ ...file, path }, (id) => secrets.get(id)),
      'utf8',
    );
    return {
      path,
      kind: 'file',
      mode: file.mode,
      owner,
      content,
      shown: file.content,
      sha256: sha256(content),
      holdsSecrets: file.secretRefs.length > 0,
    };
  });
  const port = (params as { port?: unknown }).port;
  return {
    exporter: request.exporter,
    definition,
    paramsInput,
    version: versionOf(context, definition.version),
    release: definition.binary,
    binaryPath: checkRemotePath(binaryPath),
    user: checkUser(user),
    unitName,
    unitPath: unitPath(unitName),
    unit: definition.systemdUnit(params, context),
    files: [...files].sort((a, b) => a.path.split('/').length - b.path.split('/').length),
    proofMetrics: definition.proofMetrics(params),
    port: typeof port === 'number' ? port : definition.defaultPort,
  };
}
