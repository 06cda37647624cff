// What each requested exporter should look like on a Docker host: params checked, the
// container spec and config files rendered for this host, secrets filled (in memory
// only, for the hash and the write), and the spec-hash label added.
import { createHash } from 'node:crypto';
import { describeZodError, type ExporterId, PromsteadError } from '@shared/contract';
import {
  type ContainerSpec,
  type ExporterDefinition,
  fillSecretTemplate,
  findExporter,
  NodeExporterParamsSchema,
  type RenderContext,
  type SecretTemplate,
} from '../../exporters';
import { settingsHash, specHash, withSpecHash, type HashedFile } from './container-settings';
import { checkHostPath, numericOwner } from './docker-host-files';

/** One exporter to deploy. renderContext is merged over the target's (per-exporter tag or image). */
export interface DockerDeployRequest {
  exporter: ExporterId;
  params?: Record<string, unknown>;
  renderContext?: RenderContext;
}

export interface DesiredFile extends HashedFile {
  /** The content as shown: secret references, never values. */
  template?: SecretTemplate;
  /** The bytes to write, secrets filled. Never logged, never in a plan. */
  content?: Buffer;
  holdsSecrets: boolean;
}

export interface DesiredExporter {
  exporter: ExporterId;
  definition: ExporterDefinition<unknown>;
  /** As the user gave them (recorded for uninstall and re-plans). */
  paramsInput: Record<string, unknown>;
  params: unknown;
  version: string;
  image: string;
  spec: ContainerSpec;
  files: DesiredFile[];
  proofMetrics: string[];
  port: number;
}

/** Host facts that change how a spec is rendered. */
export interface DockerHostFacts {
  /** Whether / is a shared or slave mount (rslave binds of it need that). */
  rootPropagates: boolean;
  /** Whether systemd is PID 1 (node_exporter's systemd collector reads it over D-Bus). */
  systemdRunning: boolean;
}

/**
 * node_exporter's systemd collector has nothing to read where systemd is not PID 1 (many
 * NAS systems): unless the user chose the collectors, the default list loses it, so the
 * proof metrics ask only for what the host can give.
 */
export function adaptParamsToHost(
  exporter: ExporterId,
  params: Record<string, unknown>,
  facts: DockerHostFacts,
): Record<string, unknown> {
  if (exporter !== 'node_exporter' || facts.systemdRunning || 'extraCollectors' in params) return params;
  const defaults = NodeExporterParamsSchema.parse({}).extraCollectors;
  return { ...params, extraCollectors: defaults.filter((collector) => collector !== 'systemd') };
}

function versionOf(spec: ContainerSpec, definition: ExporterDefinition<unknown>): string {
  return spec.Labels?.['io.promstead.version'] ?? definition.version;
}

/**
 * dockerd refuses an rslave bind of / when / is a private mount ("not a shared or slave
 * mount"), which is how some NAS systems boot: there, node_exporter's root bind is read-only
 * without propagation, which only misses mounts made after it starts.
 */
export function adaptToHost(spec: ContainerSpec, facts: DockerHostFacts): ContainerSpec {
  const binds = spec.HostConfig?.Binds;
  if (facts.rootPropagates || !binds?.some((bind) => bind.startsWith('/:') && bind.includes('rslave'))) {
    return spec;
  }
  return {
    ...spec,
    HostConfig: {
      ...spec.HostConfig,
      Binds: binds.map((bind) =>
        bind.startsWith('/:')
          ? bind
              .replace(/,rslave\b/, '')
              .replace(/:rslave$/, '')
              .replace(/rslave,/, '')
          : bind,
      ),
    },
  };
}

function portOf(params: unknown, definition: ExporterDefinition<unknown>): number {
  const port = (params as { port?: unknown } | null)?.port;
  return typeof port === 'number' ? port : definition.defaultPort;
}

/** Reads every secret the files reference, once each; a missing one fails naming its id only. */
async function readSecrets(
  ids: readonly string[],
  readSecret: (id: string) => Promise<string>,
): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  for (const id of ids) {
    if (values.has(id)) continue;
    try {
      values.set(id, await readSecret(id));
    } catch (error) {
      if (error instanceof PromsteadError && error.code !== 'INTERNAL') {
        throw new PromsteadError(error.code, `Secret "${id}": ${error.message}`);
      }
      throw new PromsteadError('SECRET_UNAVAILABLE', `Secret "${id}" could not be read.`);
    }
  }
  return values;
}

export async function renderDesired(
  request: DockerDeployRequest,
  baseContext: RenderContext,
  facts: DockerHostFacts,
  readSecret: (id: string) => Promise<string>,
): Promise<DesiredExporter> {
  const definition = findExporter(request.exporter);
  if (!definition) {
    throw new PromsteadError('VALIDATION', `The catalog has no exporter "${request.exporter}".`);
  }
  if (!definition.installStyles.includes('docker')) {
    throw new PromsteadError('VALIDATION', `${definition.name} cannot be deployed as a Docker container.`);
  }
  const paramsInput = request.params ?? {};
  const parsed = definition.params.safeParse(adaptParamsToHost(request.exporter, paramsInput, facts));
  if (!parsed.success) {
    throw new PromsteadError(
      'VALIDATION',
      `${request.exporter}: ${describeZodError(parsed.error)
        .split('; ')
        .map((part) => `params.${part}`)
        .join('; ')}`,
    );
  }
  const params = parsed.data;
  const context: RenderContext = { ...baseContext, ...request.renderContext };
  const rendered = adaptToHost(definition.dockerContainer(params, context), facts);
  const configFiles = definition.configFiles(params, 'docker');
  const secretIds = configFiles.flatMap((file) => ('content' in file ? file.secretRefs : []));
  const secrets = await readSecrets(secretIds, readSecret);

  const files: DesiredFile[] = configFiles.map((file) => {
    const path = checkHostPath(file.path);
    const { uid, gid } = numericOwner(file.owner);
    if ('directory' in file)
      return { path, kind: 'directory', mode: file.mode, uid, gid, holdsSecrets: false };
    const content = Buffer.from(
      fillSecretTemplate({ ...file, path }, (id) => secrets.get(id)),
      'utf8',
    );
    return {
      path,
      kind: 'file',
      mode: file.mode,
      uid,
      gid,
      sha256: createHash('sha256').update(content).digest('hex'),
      template: { content: file.content, secretRefs: file.secretRefs, secretEncoding: file.secretEncoding },
      content,
      holdsSecrets: file.secretRefs.length > 0,
    };
  });
  const hashed: HashedFile[] = files.map(({ path, kind, mode, uid, gid, sha256 }) => ({
    path,
    kind,
    mode,
    uid,
    gid,
    ...(sha256 ? { sha256 } : {}),
  }));
  const spec = withSpecHash(rendered, specHash(rendered, hashed), settingsHash(rendered, hashed));
  return {
    exporter: request.exporter,
    definition,
    paramsInput,
    params,
    version: versionOf(rendered, definition),
    image: rendered.Image,
    spec,
    files,
    proofMetrics: definition.proofMetrics(params),
    port: portOf(params, definition),
  };
}

/** Two requests may not share a container name, a published port or a file path. */
export function checkDistinct(desired: readonly DesiredExporter[]): void {
  const seen = new Map<string, string>();
  const claim = (key: string, what: string, exporter: string): void => {
    const other = seen.get(key);
    if (other && other !== exporter) {
      throw new PromsteadError('VALIDATION', `${exporter} and ${other} both use ${what}.`);
    }
    seen.set(key, exporter);
  };
  for (const entry of desired) {
    if (desired.filter((other) => other.exporter === entry.exporter).length > 1) {
      throw new PromsteadError('VALIDATION', `${entry.exporter} is requested twice.`);
    }
    claim(`name:${entry.spec.name}`, `the container name ${entry.spec.name}`, entry.exporter);
    claim(`port:${entry.port}`, `port ${entry.port}`, entry.exporter);
    for (const file of entry.files) {
      if (file.kind === 'file') claim(`file:${file.path}`, file.path, entry.exporter);
    }
  }
}
