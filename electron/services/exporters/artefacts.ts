// Every artefact of one exporter for one install style, as text a person can copy or
// save: the path for people who will not give Promstead SSH access.
import { PromsteadError, type Artefact, type InstallStyleName } from '@shared/contract';
import { renderPrometheusConfig, renderRuleFile } from '../prometheus';
import type { ExporterDefinition, RenderContext } from './catalog-types';
import { renderComposeFile } from './compose-file';
import { imageReference } from './image-reference';
import { secretEncodingHints, secretReferenceOpener, type SecretTemplate } from './secret-template';

/** Says which secrets a person filling the file by hand puts where, and how to write them. */
function configFileTitle(file: SecretTemplate): string {
  if (file.secretRefs.length === 0) return 'Config file';
  const names = file.secretRefs.map((id) => `"${id}"`).join(', ');
  return `Config file with secrets to fill in: replace each ${secretReferenceOpener}ID)) with the value of secret ID (${names}); ${secretEncodingHints[file.secretEncoding]}`;
}

export function catalogEntry(
  definition: ExporterDefinition<unknown>,
  context: RenderContext = {},
): {
  id: string;
  name: string;
  summary: string;
  defaultPort: number;
  version: string;
  image: string;
  installStyles: InstallStyleName[];
  proofMetrics: string[];
} {
  const defaults = definition.params.safeParse({});
  return {
    id: definition.id,
    name: definition.name,
    summary: definition.summary,
    defaultPort: definition.defaultPort,
    version: definition.version,
    image: imageReference(definition.image, context),
    installStyles: [...definition.installStyles],
    // Exporters whose params have no complete default (blackbox needs its modules) list none here.
    proofMetrics: defaults.success ? definition.proofMetrics(defaults.data) : [],
  };
}

export function buildArtefacts(
  definition: ExporterDefinition<unknown>,
  style: InstallStyleName,
  rawParams: unknown,
  host: string,
  context: RenderContext = {},
): Artefact[] {
  if (!definition.installStyles.includes(style)) {
    throw new PromsteadError(
      'VALIDATION',
      `${definition.name} does not install as ${style}; it installs as ${definition.installStyles.join(', ')}.`,
    );
  }
  const parsed = definition.params.safeParse(rawParams);
  if (!parsed.success) {
    throw new PromsteadError(
      'VALIDATION',
      `Invalid parameters for ${definition.name}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'params'}: ${issue.message}`).join('; ')}`,
    );
  }
  const params = parsed.data;
  const artefacts: Artefact[] = [];
  if (style === 'docker') {
    artefacts.push({
      id: 'container',
      title: 'Docker container (Engine API create options)',
      filename: `${definition.id}.container.json`,
      language: 'json',
      content: `${JSON.stringify(definition.dockerContainer(params, context), null, 2)}\n`,
    });
  }
  if (style === 'compose') {
    const { name, service } = definition.composeService(params, context);
    artefacts.push({
      id: 'compose',
      title: 'docker-compose service',
      filename: 'docker-compose.yml',
      language: 'yaml',
      content: renderComposeFile([{ name, service }]),
    });
  }
  if (style === 'systemd') {
    const unit = definition.systemdUnit?.(params, context);
    if (unit)
      artefacts.push({
        id: 'systemd-unit',
        title: 'systemd unit',
        filename: `${definition.id}.service`,
        language: 'ini',
        content: unit,
      });
    const install = definition.installScript?.(params, context);
    if (install)
      artefacts.push({
        id: 'install-script',
        title: 'Install script',
        filename: `install-${definition.id}.sh`,
        language: 'bash',
        content: install,
      });
    const uninstall = definition.uninstallScript?.(params, context);
    if (uninstall)
      artefacts.push({
        id: 'uninstall-script',
        title: 'Uninstall script',
        filename: `uninstall-${definition.id}.sh`,
        language: 'bash',
        content: uninstall,
      });
  }
  if (style === 'k8s') {
    const manifest = definition.kubernetesManifest?.(params, context);
    if (manifest)
      artefacts.push({
        id: 'k8s-manifest',
        title: 'Kubernetes manifest',
        filename: `${definition.id}.k8s.yaml`,
        language: 'yaml',
        content: manifest,
      });
  }
  if (style === 'windows') {
    const install = definition.installScript?.(params, context);
    if (install)
      artefacts.push({
        id: 'install-script',
        title: 'PowerShell install script',
        filename: `install-${definition.id}.ps1`,
        language: 'powershell',
        content: install,
      });
    const uninstall = definition.uninstallScript?.(params, context);
    if (uninstall)
      artefacts.push({
        id: 'uninstall-script',
        title: 'PowerShell uninstall script',
        filename: `uninstall-${definition.id}.ps1`,
        language: 'powershell',
        content: uninstall,
      });
  }
  for (const file of definition.configFiles(params, style)) {
    if (!('content' in file)) continue;
    const name = file.path.split('/').at(-1) ?? file.path;
    artefacts.push({
      id: `file:${file.path}`,
      title: configFileTitle(file),
      filename: name,
      language:
        file.secretEncoding === 'my-cnf' || file.secretEncoding === 'my-cnf-expand-env'
          ? 'ini'
          : /\.ya?ml$/.test(name)
            ? 'yaml'
            : /\.toml$|\.conf$/.test(name)
              ? 'toml'
              : 'text',
      // References stay as they are: the page shows which secret goes where, never a value.
      content: file.content,
      path: file.path,
      mode: file.mode.toString(8).padStart(4, '0'),
    });
  }
  const scrape = definition.scrapeJobs(params, { host, tier: 'standard' });
  artefacts.push({
    id: 'scrape-config',
    title: 'Prometheus scrape job',
    filename: 'prometheus.yml',
    language: 'yaml',
    content: renderPrometheusConfig({
      global: {},
      jobs: scrape.jobs,
      multiTargetJobs: scrape.multiTargetJobs,
      ruleFiles: [],
    }),
  });
  const rules = definition.alertRules(params);
  if (rules.length > 0) {
    artefacts.push({
      id: 'alert-rules',
      title: 'Alert rules',
      filename: `${definition.id}.rules.yml`,
      language: 'yaml',
      content: renderRuleFile(rules),
    });
  }
  return artefacts;
}
