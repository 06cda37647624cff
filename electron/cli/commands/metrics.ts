// `promstead metrics parse` (an exposition from a file or stdin, as JSON families) and
// `promstead metrics scrape` (a deployment or a URL, as a table of families or samples).
import {
  CertificateFingerprintSchema,
  ExporterIdSchema,
  PromsteadError,
  ScrapeTargetSchema,
  type ExpositionFormat,
  type FamilySummary,
  type MetricFamily,
  type ScrapeResult,
  type ScrapeTls,
} from '@shared/contract';
import type { Engine } from '../../services/engine';
import {
  ExpositionStreamParser,
  formatFromContentType,
  parseExposition,
  toWireFamily,
  type ParsedExposition,
} from '../../services/exposition';
import {
  readBoundedRegularFile,
  scrapeOnce,
  urlTarget,
  type ResolvedScrapeAuth,
} from '../../services/metrics';
import { callOperation } from '../engine-client';
import { formatTable, printJson, printLine, type Output } from '../output';
import { EXIT_FAILED, UsageError } from '../usage-error';

export interface MetricsCommandOptions {
  contentType?: string;
  families: string[];
  basicUser?: string;
  bearer: boolean;
  ca?: string;
  fingerprint?: string;
  timeoutMs: number;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream;
}

const usageText =
  'Use `promstead metrics parse [FILE|-] [--content-type CT]` or `promstead metrics scrape <HOST/EXPORTER|URL>`.';

export async function metricsCommand(
  engine: Engine,
  out: Output,
  args: readonly string[],
  options: MetricsCommandOptions,
): Promise<number> {
  const [action, target, ...rest] = args;
  if (rest.length > 0) throw new UsageError(usageText);
  if (action === 'parse') {
    if (options.basicUser || options.bearer || options.ca || options.fingerprint)
      throw new UsageError('--basic-user, --bearer, --ca and --fingerprint apply to `metrics scrape`.');
    return parse(engine, out, target, options);
  }
  if (action === 'scrape') {
    if (!target) throw new UsageError('Name what to scrape: HOST/EXPORTER (a deployment) or a URL.');
    if (options.contentType) throw new UsageError('--content-type applies to `metrics parse`.');
    return scrape(engine, out, target, options);
  }
  throw new UsageError(usageText);
}

async function limits(engine: Engine): Promise<{ maxBytes: number; maxSeries: number }> {
  const { metrics } = await callOperation(engine, 'settings.get', {});
  return { maxBytes: metrics.maxScrapeBytes, maxSeries: metrics.maxSeries };
}

function formatOf(contentType: string | undefined): ExpositionFormat {
  if (contentType === undefined) return 'prometheus-text';
  const format = formatFromContentType(contentType);
  if (!format)
    throw new UsageError(
      `--content-type ${contentType} names neither the text format (text/plain; version=0.0.4) nor OpenMetrics (application/openmetrics-text; version=1.0.0).`,
    );
  return format;
}

/**
 * `metrics parse --json` refuses input with exactly `{"error":{"code","message"}}` (the
 * shape scripts that validate expositions read), not the other commands' `{ok:false,…}`.
 */
async function parse(
  engine: Engine,
  out: Output,
  file: string | undefined,
  options: MetricsCommandOptions,
): Promise<number> {
  try {
    return await parseOrThrow(engine, out, file, options);
  } catch (error) {
    if (!out.json || !(error instanceof PromsteadError)) throw error;
    printJson(out, { error: { code: error.code, message: error.message } });
    return EXIT_FAILED;
  }
}

async function parseOrThrow(
  engine: Engine,
  out: Output,
  file: string | undefined,
  options: MetricsCommandOptions,
): Promise<number> {
  const format = formatOf(options.contentType);
  const { maxBytes, maxSeries } = await limits(engine);
  const parsed =
    file === undefined || file === '-'
      ? await parseStream(options.stdin, { format, maxSeries }, maxBytes)
      : parseExposition(await readBoundedRegularFile(file, maxBytes, 'exposition file'), {
          format,
          maxSeries,
        });
  const wanted = options.families.length > 0 ? new Set(options.families) : undefined;
  const families = parsed.families
    .filter((family) => !wanted || wanted.has(family.name))
    .map((family) => toWireFamily(family));
  if (out.json) printJson(out, { families });
  else printSummaries(out, families.map(summaryOf));
  return 0;
}

/** stdin chunk by chunk into the parser, stopped at the byte limit. */
async function parseStream(
  stdin: NodeJS.ReadableStream,
  options: { format: ExpositionFormat; maxSeries: number },
  maxBytes: number,
): Promise<ParsedExposition> {
  const parser = new ExpositionStreamParser(options);
  let bytes = 0;
  for await (const chunk of stdin) {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += data.length;
    if (bytes > maxBytes)
      throw new PromsteadError(
        'TOO_LARGE',
        `stdin holds more than ${maxBytes} bytes, the limit (metrics.maxScrapeBytes in the settings raises it).`,
      );
    parser.push(data);
  }
  return parser.end();
}

function credentials(options: MetricsCommandOptions): ResolvedScrapeAuth | undefined {
  if (options.basicUser && options.bearer) throw new UsageError('Give --basic-user or --bearer, not both.');
  if (options.basicUser) {
    const password = options.env.PROMSTEAD_SCRAPE_PASSWORD;
    if (!password)
      throw new UsageError(
        '--basic-user takes its password from $PROMSTEAD_SCRAPE_PASSWORD, which is not set.',
      );
    return { kind: 'basic', username: options.basicUser, password };
  }
  if (options.bearer) {
    const token = options.env.PROMSTEAD_SCRAPE_TOKEN;
    if (!token)
      throw new UsageError('--bearer takes its token from $PROMSTEAD_SCRAPE_TOKEN, which is not set.');
    return { kind: 'bearer', token };
  }
  return undefined;
}

function tlsOf(options: MetricsCommandOptions): ScrapeTls | undefined {
  if (options.fingerprint && !CertificateFingerprintSchema.safeParse(options.fingerprint).success)
    throw new UsageError(
      `--fingerprint must be a SHA-256 fingerprint (64 hex digits); got "${options.fingerprint}".`,
    );
  if (!options.ca && !options.fingerprint) return undefined;
  return {
    ...(options.ca ? { caFile: options.ca } : {}),
    ...(options.fingerprint ? { fingerprint: options.fingerprint } : {}),
  };
}

async function scrapeUrl(engine: Engine, url: string, options: MetricsCommandOptions): Promise<ScrapeResult> {
  const checked = ScrapeTargetSchema.safeParse({ kind: 'url', url });
  if (!checked.success)
    throw new UsageError(`${url}: must be an http:// or https:// URL without credentials in it.`);
  const auth = credentials(options);
  // The credential came from the environment, not the SecretStore: keep it out of any log line too.
  if (auth) engine.redactor.add(auth.kind === 'basic' ? auth.password : auth.token);
  const target = await urlTarget(url, auth, tlsOf(options));
  return scrapeOnce(target, {
    limits: await limits(engine),
    timeoutMs: options.timeoutMs,
    ...(options.families.length > 0 ? { families: options.families } : {}),
  });
}

async function scrapeDeployment(
  engine: Engine,
  target: string,
  options: MetricsCommandOptions,
): Promise<ScrapeResult> {
  if (options.basicUser || options.bearer || options.ca || options.fingerprint)
    throw new UsageError(
      '--basic-user, --bearer, --ca and --fingerprint apply to a URL; a deployment is scraped as Promstead deployed it.',
    );
  const slash = target.lastIndexOf('/');
  const hostName = target.slice(0, slash);
  const exporter = target.slice(slash + 1);
  if (slash <= 0 || !exporter)
    throw new UsageError(
      `"${target}" is neither HOST/EXPORTER (node/node_exporter, say) nor an http(s):// URL.`,
    );
  const exporterId = ExporterIdSchema.safeParse(exporter);
  if (!exporterId.success)
    throw new UsageError(
      `"${exporter}" is not an exporter Promstead knows: \`promstead exporter list\` shows them.`,
    );
  const { hosts } = await callOperation(engine, 'hosts.list', {});
  const host = hosts.find((entry) => entry.id === hostName) ?? hosts.find((entry) => entry.name === hostName);
  if (!host)
    throw new PromsteadError(
      'NOT_FOUND',
      `No host "${hostName}": \`promstead host list\` shows the hosts by id and name.`,
    );
  return callOperation(engine, 'metrics.scrape', {
    target: { kind: 'deployment', hostId: host.id, exporter: exporterId.data },
    timeoutMs: options.timeoutMs,
    ...(options.families.length > 0 ? { families: options.families } : {}),
  });
}

async function scrape(
  engine: Engine,
  out: Output,
  target: string,
  options: MetricsCommandOptions,
): Promise<number> {
  const result = /^https?:\/\//i.test(target)
    ? await scrapeUrl(engine, target, options)
    : await scrapeDeployment(engine, target, options);
  if (out.json) {
    printJson(out, result);
    return 0;
  }
  if (options.families.length > 0) {
    for (const family of result.families) printSamples(out, family);
    const missing = options.families.filter(
      (name) => !result.families.some((family) => family.name === name),
    );
    for (const name of missing) out.stderr.write(`note: ${result.url} has no family ${name}\n`);
  } else printSummaries(out, result.summaries);
  printLine(
    out,
    `${result.summaries.length} families, ${result.seriesCount} series, ${result.bytes} bytes from ${result.url} in ${Math.round(result.durationMs)} ms`,
  );
  return 0;
}

function summaryOf(family: MetricFamily): FamilySummary {
  return {
    name: family.name,
    type: family.type,
    help: family.help,
    unit: family.unit,
    series: family.samples.length,
  };
}

function printSummaries(out: Output, summaries: readonly FamilySummary[]): void {
  printLine(
    out,
    formatTable(
      ['name', 'type', 'series', 'help'],
      summaries.map((summary) => [summary.name, summary.type, String(summary.series), summary.help]),
    ),
  );
}

function printSamples(out: Output, family: MetricFamily): void {
  printLine(out, `# ${family.name} (${family.type})${family.help ? `: ${family.help}` : ''}`);
  const rows = family.samples.map((sample) => {
    const labels = Object.entries(sample.labels)
      .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
      .join(',');
    return [
      labels ? `${sample.name}{${labels}}` : sample.name,
      String(sample.value),
      sample.timestamp === undefined ? '' : new Date(sample.timestamp).toISOString(),
    ];
  });
  printLine(out, formatTable(['series', 'value', 'timestamp'], rows));
  printLine(out);
}
