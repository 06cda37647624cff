// The `promstead` command: the same engine as the app, from a terminal.
// Exit codes: 0 ok, 1 failed, 2 usage error.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isPromsteadError } from '@shared/contract';
import { Engine } from '../services/engine';
import { resolveDataDir } from '../services/store';
import { binaryCommand } from './commands/binary';
import { configCommand } from './commands/config';
import { deployCommand, uninstallCommand } from './commands/deploy';
import { exporterCommand } from './commands/exporter';
import { hostCommand } from './commands/host';
import { infoCommand } from './commands/info';
import { jobsCommand } from './commands/jobs';
import { queryCommand } from './commands/query';
import { metricsCommand } from './commands/metrics';
import { parsePorts, scanCommand } from './commands/scan';
import { selfTestCommand } from './commands/self-test';
import { serveCommand } from './commands/serve';
import { printJson, type Output } from './output';
import { findPackage } from './package-root';
import { EXIT_FAILED, EXIT_USAGE, UsageError } from './usage-error';

const usage = `Usage: promstead <command> [options]

Commands:
  info                      version, data folder and this machine's capabilities
  self-test                 run the environment checks one by one
      --repeat N            run them N times (1-100)
      --interval MS         pause between checks (0-10000 ms)
  jobs                      running and recent jobs with their outcome
  scan <targets…>           discover hosts: ICMP sweep, SNMP, service probes, suggestions
                            targets: CIDRs (/16-/32), ranges (10.0.0.1-50), addresses, hostnames
      --community C         SNMP v1/v2c community (repeatable; default public)
      --no-snmp             skip SNMP
      --v3-user U           SNMPv3 user; --v3-level noAuthNoPriv|authNoPriv|authPriv,
      --v3-auth P           md5|sha|sha224|sha256|sha384|sha512, key in $PROMSTEAD_SNMP_AUTH_KEY
      --v3-priv P           des|aes|aes256b|aes256r, key in $PROMSTEAD_SNMP_PRIV_KEY
      --ports LIST          TCP ports to probe (default: the built-in table)
      --timeout MS          per-probe timeout (100-10000)
      --retries N           liveness retries (0-5)
      --rate PPS            packets per second (1-10000)
      --allow-large         allow more than 65,536 addresses
  exporter list             the exporter catalog: what each monitors, version, install styles
  exporter show <id>        every artefact of one exporter, to install it by hand
      --style S             docker | compose | systemd | k8s | windows (default docker)
      --param K=V           an exporter parameter (repeatable)
      --params-file F       structured parameters as a JSON object (blackbox modules…)
      --scrape-host H       where Prometheus reaches it (for the scrape job)
  config render             prometheus.yml and its rule file, from the saved inventory
      --spec F              …or from a monitoring spec (JSON: global, exporters, alertmanagers)
      --include-suggested   also scrape the exporters discovery suggested (as if deployed)
      --probe-host H        where blackbox_exporter and snmp_exporter run (probes, SNMP devices)
      --merge FILE          merge into your own prometheus.yml (the rest of it is kept)
      --out DIR             write the files into DIR instead of printing them
      --check               check the result with promtool (exit 1 when it fails)
  config check [FILE]       check a prometheus.yml and the rule files it names with promtool
                            (without FILE: the config render would give; same options)
  host add <user@address>   add a host to deploy to: shows its SSH key, pins it when confirmed
      --key FILE            log in with this private key ($PROMSTEAD_SSH_KEY_PASSPHRASE if encrypted)
      --password            log in with the password in $PROMSTEAD_SSH_PASSWORD
      --agent               log in through the SSH agent (the default)
      --ssh-port N          SSH port (default 22)
      --fingerprint FP      the key you checked (SHA256:…), instead of confirming at a prompt
      --sudo                root-only steps use sudo ($PROMSTEAD_SUDO_PASSWORD if it asks)
      --name NAME           how Promstead names the host
  host add unix:///PATH     add this machine's Docker (its socket) as a host, without SSH
      --address A           where Prometheus reaches the exporters it runs (default 127.0.0.1)
  host add tcp://ADDRESS:PORT   add a Docker Engine listening with --tlsverify, without SSH
      --tls-ca FILE         the CA that signed the daemon's certificate
      --tls-cert FILE       this client's certificate (signed by a CA the daemon trusts)
      --tls-key FILE        this client's key
  host list                 the hosts, with their login and pinned key
  host preflight <id>       what the host is and has, as a checklist with fixes, and the install method
      --ports LIST          the ports the exporters would listen on (checked for use)
  host repin <id> --fingerprint FP   pin a changed key after checking the change is expected
  host remove <id>          forget a host
  deploy plan <host> <exporter…>   what deploying would change on the host (nothing is changed)
  deploy apply <host> <exporter…>  apply it with progress, verify by scraping, roll back on failure
      --param K=V           a parameter for every exporter, or EXPORTER.K=V for one (repeatable)
      --params-file F       structured parameters as JSON (blackbox modules, say): an object
                            keyed by exporter id, or one object for every exporter named
      --method M            auto | docker | systemd (default auto: Docker where the host has it,
                            else systemd; systemd installs the release binary from the cache)
      --yes                 apply without asking
  uninstall <host> [exporter…]     remove what Promstead deployed there (all, or these)
  query '<promql>'          evaluate PromQL on the Prometheus Promstead deployed (if it deployed one)
      --range D             over the last D (a Prometheus duration: 30m, 1h, 7d), ending now
      --step D              between points (default: the range / 250, rounded to 1s, 15s, 1m…)
      --server URL          on this Prometheus instead (http://nas.lan:9090)
      --host HOST           on the Prometheus Promstead deployed on this host (id or name)
  binary list               the release binaries cached for systemd installs, with their sha256
  binary add <exporter> <file>   put the exporter's Linux binary or its release .tar.gz in the cache
                            (without Internet; online, a systemd install downloads it)
      --version V           the release it is (default: the version a deploy installs)
      --arch A              amd64 | arm64 | armv7 | armv6 | 386 | ppc64le | s390x
                            (default: read from the binary; ARM builds must say v6 or v7)
  binary remove <exporter>  remove its cached binaries (--version V, --arch A: only those)
  metrics parse [FILE|-]    parse an exposition (a file, or stdin without FILE or with -): its families
      --content-type CT     its format as a Content-Type (default: the text format 0.0.4)
      --family F            only this family (repeatable)
  metrics scrape <HOST/EXPORTER|URL>   scrape a deployment (host id or name / exporter id) or a URL
      --family F            print this family's samples instead of the list of families (repeatable)
      --basic-user U        basic auth as U, password in $PROMSTEAD_SCRAPE_PASSWORD (URLs)
      --bearer              a bearer token from $PROMSTEAD_SCRAPE_TOKEN (URLs)
      --ca FILE             the CA that signed an https:// exporter's certificate
      --fingerprint FP      trust exactly the certificate with this SHA-256 fingerprint
      --timeout MS          for the whole scrape (500-120000, default 10000)
  serve                     browser mode: serve the app on http://127.0.0.1
      --port N              port (default 7361; 0 picks a free one)
      --host ADDR           bind address (default 127.0.0.1)
      --allow-remote        required to bind anything but loopback
      --open                open the URL in the system browser

Options for every command:
  --json                    machine-readable output
  -h, --help                this text
  -v, --version             the version

Data folder: $PROMSTEAD_HOME, else the platform's app-data folder.`;

const options = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  repeat: { type: 'string' },
  interval: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'allow-remote': { type: 'boolean' },
  open: { type: 'boolean' },
  community: { type: 'string', multiple: true },
  'no-snmp': { type: 'boolean' },
  'v3-user': { type: 'string' },
  'v3-level': { type: 'string' },
  'v3-auth': { type: 'string' },
  'v3-priv': { type: 'string' },
  ports: { type: 'string' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
  rate: { type: 'string' },
  'allow-large': { type: 'boolean' },
  style: { type: 'string' },
  param: { type: 'string', multiple: true },
  'params-file': { type: 'string' },
  'scrape-host': { type: 'string' },
  spec: { type: 'string' },
  'include-suggested': { type: 'boolean' },
  'probe-host': { type: 'string' },
  out: { type: 'string' },
  check: { type: 'boolean' },
  merge: { type: 'string' },
  name: { type: 'string' },
  key: { type: 'string' },
  password: { type: 'boolean' },
  agent: { type: 'boolean' },
  fingerprint: { type: 'string' },
  sudo: { type: 'boolean' },
  address: { type: 'string' },
  'tls-ca': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'ssh-port': { type: 'string' },
  yes: { type: 'boolean' },
  method: { type: 'string' },
  arch: { type: 'string' },
  range: { type: 'string' },
  step: { type: 'string' },
  server: { type: 'string' },
  'content-type': { type: 'string' },
  family: { type: 'string', multiple: true },
  'basic-user': { type: 'string' },
  bearer: { type: 'boolean' },
  ca: { type: 'string' },
  // `binary … --version V` arrives here (see binaryVersionArgs): --version is Promstead's own elsewhere.
  'binary-version': { type: 'string' },
} satisfies ParseArgsConfig['options'];

const optionsByCommand: Record<string, readonly string[]> = {
  info: [],
  jobs: [],
  'self-test': ['repeat', 'interval'],
  serve: ['port', 'host', 'allow-remote', 'open'],
  exporter: ['style', 'param', 'params-file', 'scrape-host'],
  config: ['spec', 'include-suggested', 'probe-host', 'out', 'check', 'merge'],
  deploy: ['param', 'params-file', 'yes', 'method'],
  uninstall: [],
  binary: ['binary-version', 'arch'],
  query: ['range', 'step', 'server', 'host'],
  metrics: ['content-type', 'family', 'basic-user', 'bearer', 'ca', 'fingerprint', 'timeout'],
  host: [
    'name',
    'key',
    'password',
    'agent',
    'fingerprint',
    'sudo',
    'ssh-port',
    'ports',
    'address',
    'tls-ca',
    'tls-cert',
    'tls-key',
  ],
  scan: [
    'community',
    'no-snmp',
    'v3-user',
    'v3-level',
    'v3-auth',
    'v3-priv',
    'ports',
    'timeout',
    'retries',
    'rate',
    'allow-large',
  ],
};

/** Commands that take positional arguments. */
const commandsWithArguments = new Set([
  'scan',
  'exporter',
  'config',
  'host',
  'deploy',
  'uninstall',
  'binary',
  'query',
  'metrics',
]);

/**
 * For `binary`, `--version V` names the release being cached; for every other command it
 * prints Promstead's version. The first positional (read leniently) says which applies.
 */
function binaryVersionArgs(argv: readonly string[]): string[] {
  const { positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: false });
  if (positionals[0] !== 'binary') return [...argv];
  const end = argv.indexOf('--');
  return argv.map((arg, index) => {
    if (end !== -1 && index > end) return arg;
    if (arg === '--version') return '--binary-version';
    return arg.startsWith('--version=') ? `--binary-version=${arg.slice('--version='.length)}` : arg;
  });
}

function integerOption(
  value: string | undefined,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}; got "${value}".`);
  }
  return Number(value);
}

export async function runCli(argv: readonly string[], output?: Partial<Output>): Promise<number> {
  const out: Output = { json: false, stdout: process.stdout, stderr: process.stderr, ...output };
  let parsed: ReturnType<
    typeof parseArgs<{ options: typeof options; allowPositionals: true; args: string[] }>
  >;
  try {
    parsed = parseArgs({ args: binaryVersionArgs(argv), options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replaceAll('--binary-version', '--version');
    out.stderr.write(`${message}\nRun \`promstead --help\` for usage.\n`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  out.json = values.json ?? false;
  const pkg = findPackage();
  if (values.version) {
    out.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') {
    out.stdout.write(`${usage}\n`);
    return 0;
  }
  let engine: Engine | undefined;
  try {
    if (!command) throw new UsageError('Name a command.');
    const allowed = optionsByCommand[command];
    if (!allowed) throw new UsageError(`Unknown command "${command}".`);
    if (rest.length > 0 && !commandsWithArguments.has(command))
      throw new UsageError(`"${command}" takes no arguments; got "${rest.join(' ')}".`);
    for (const name of Object.keys(values)) {
      if (!['json', 'help', 'version', ...allowed].includes(name))
        throw new UsageError(`--${name} does not apply to "${command}".`);
    }
    engine = await Engine.open({
      dataDir: resolveDataDir(),
      transport: command === 'serve' ? 'browser' : 'cli',
      version: pkg.version,
    });
    switch (command) {
      case 'info':
        return await infoCommand(engine, out);
      case 'jobs':
        return await jobsCommand(engine, out);
      case 'exporter':
        return await exporterCommand(engine, out, rest, {
          style: values.style,
          params: values.param ?? [],
          paramsFile: values['params-file'],
          host: values['scrape-host'],
        });
      case 'deploy':
        return await deployCommand(engine, out, rest, {
          params: values.param ?? [],
          yes: values.yes ?? false,
          method: values.method,
          paramsFile: values['params-file'],
        });
      case 'uninstall':
        return await uninstallCommand(engine, out, rest);
      case 'binary':
        return await binaryCommand(engine, out, rest, {
          version: values['binary-version'],
          arch: values.arch,
        });
      case 'host':
        return await hostCommand(engine, out, rest, {
          name: values.name,
          key: values.key,
          password: values.password ?? false,
          agent: values.agent ?? false,
          fingerprint: values.fingerprint,
          sudo: values.sudo ?? false,
          address: values.address,
          tlsCa: values['tls-ca'],
          tlsCert: values['tls-cert'],
          tlsKey: values['tls-key'],
          ports: parsePorts(values.ports),
          port:
            values['ssh-port'] === undefined
              ? undefined
              : integerOption(values['ssh-port'], 'ssh-port', 1, 65_535, 22),
        });
      case 'query':
        return await queryCommand(engine, out, rest, {
          range: values.range,
          step: values.step,
          server: values.server,
          host: values.host,
        });
      case 'metrics':
        return await metricsCommand(engine, out, rest, {
          contentType: values['content-type'],
          families: values.family ?? [],
          basicUser: values['basic-user'],
          bearer: values.bearer ?? false,
          ca: values.ca,
          fingerprint: values.fingerprint,
          timeoutMs: integerOption(values.timeout, 'timeout', 500, 120_000, 10_000),
          env: process.env,
          stdin: process.stdin,
        });
      case 'config':
        return await configCommand(engine, out, rest, {
          spec: values.spec,
          includeSuggested: values['include-suggested'] ?? false,
          probeHost: values['probe-host'],
          out: values.out,
          check: values.check ?? false,
          merge: values.merge,
        });
      case 'scan':
        return await scanCommand(engine, out, {
          targets: rest,
          communities: values.community ?? [],
          snmp: !values['no-snmp'],
          v3User: values['v3-user'],
          v3Level: values['v3-level'],
          v3Auth: values['v3-auth'],
          v3Priv: values['v3-priv'],
          ports: values.ports,
          timeoutMs:
            values.timeout === undefined
              ? undefined
              : integerOption(values.timeout, 'timeout', 100, 10_000, 1000),
          retries:
            values.retries === undefined ? undefined : integerOption(values.retries, 'retries', 0, 5, 1),
          packetsPerSecond:
            values.rate === undefined ? undefined : integerOption(values.rate, 'rate', 1, 10_000, 200),
          allowLarge: values['allow-large'] ?? false,
        });
      case 'self-test':
        return await selfTestCommand(engine, out, {
          repeat: integerOption(values.repeat, 'repeat', 1, 100, 1),
          intervalMs: integerOption(values.interval, 'interval', 0, 10_000, 0),
        });
      default:
        return await serveCommand(engine, out, {
          host: values.host ?? '127.0.0.1',
          port: integerOption(values.port, 'port', 0, 65_535, 7361),
          allowRemote: values['allow-remote'] ?? false,
          open: values.open ?? false,
          packageRoot: pkg.root,
        });
    }
  } catch (error) {
    if (error instanceof UsageError) {
      out.stderr.write(`${error.message}\nRun \`promstead --help\` for usage.\n`);
      return EXIT_USAGE;
    }
    const apiError = isPromsteadError(error)
      ? error.toApiError()
      : { code: 'INTERNAL' as const, message: `Unexpected error: ${(error as Error).message}` };
    if (out.json) printJson(out, { ok: false, error: apiError });
    else out.stderr.write(`error ${apiError.code}: ${apiError.message}\n`);
    return EXIT_FAILED;
  } finally {
    await engine?.close();
  }
}
