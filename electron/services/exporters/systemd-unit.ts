// Rendering helpers for systemd unit files. ExecStart is not a shell: systemd splits
// words itself, expands $VAR and %-specifiers even inside quotes, so arguments are
// quoted and escaped for systemd's rules, not bash's.

const plainArgument = /^[A-Za-z0-9_./=:,+@-]+$/;

/** One ExecStart argument, double-quoted and escaped when it has anything special. */
export function systemdQuote(argument: string): string {
  if (plainArgument.test(argument)) return argument;
  const escaped = argument
    .replaceAll('\\', '\\\\')
    .replaceAll('"', '\\"')
    .replaceAll('$', '$$$$')
    .replaceAll('%', '%%');
  return `"${escaped}"`;
}

/** ExecStart with one argument a line, as people write it by hand. */
export function execStart(command: readonly string[]): string {
  return `ExecStart=${command.map(systemdQuote).join(' \\\n    ')}`;
}

/** Environment= lines; values are validated paths, hosts and names, quoted for systemd. */
function environmentLines(environment: Record<string, string>): string[] {
  return Object.entries(environment).map(
    ([name, value]) =>
      `Environment="${name}=${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('%', '%%')}"`,
  );
}

export interface ServiceUnitSpec {
  /** Without the " (managed by Promstead)" suffix, which is added. */
  description: string;
  documentation: string;
  user: string;
  command: readonly string[];
  environment?: Record<string, string>;
  /** Read by systemd as root before it drops to User=, so it can stay root:root 0600. */
  environmentFile?: string;
  /** Lines right after ExecStart (ExecReload=...). */
  afterExecStart?: readonly string[];
  /** Lines right after RestartSec= (timeouts, limits). */
  afterRestart?: readonly string[];
  /** The only paths the service may write; everything else is read-only. */
  readWritePaths?: readonly string[];
  /** ProtectHome=; 'yes' unless given. */
  protectHome?: 'yes' | 'read-only';
}

/** A simple, always-restarted service unit running as its own user, hardened. */
export function serviceUnit(spec: ServiceUnitSpec): string {
  return [
    '[Unit]',
    `Description=${spec.description} (managed by Promstead)`,
    `Documentation=${spec.documentation}`,
    'Wants=network-online.target',
    'After=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    `User=${spec.user}`,
    `Group=${spec.user}`,
    ...environmentLines(spec.environment ?? {}),
    ...(spec.environmentFile ? [`EnvironmentFile=${spec.environmentFile}`] : []),
    execStart(spec.command),
    ...(spec.afterExecStart ?? []),
    'Restart=always',
    'RestartSec=10s',
    ...(spec.afterRestart ?? []),
    'NoNewPrivileges=yes',
    'ProtectSystem=strict',
    ...(spec.readWritePaths ?? []).map((path) => `ReadWritePaths=${path}`),
    `ProtectHome=${spec.protectHome ?? 'yes'}`,
    'PrivateTmp=yes',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}
