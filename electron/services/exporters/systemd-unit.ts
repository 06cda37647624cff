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
