// The command line a remote shell runs: every argument single-quoted, never glued
// from user input, with sudo in front when asked (its password on stdin, never here).
import { PromsteadError } from '@shared/contract';
import { shellCommand } from './shell-quote';
import type { SudoMode } from './ssh-types';

export interface RemoteCommand {
  /** The line sshd hands to the user's shell. */
  commandLine: string;
  /** Bytes to send before the caller's stdin (the sudo password line). Never logged. */
  stdinPrefix?: string;
}

/**
 * `sudo -n --` when no password is needed; with a password, `sudo -k -S -p ''`:
 * -k so sudo always reads the password line (a cached ticket would otherwise leave it
 * on the command's stdin), -p '' so no prompt mixes into stderr.
 */
export function buildRemoteCommand(
  argv: readonly string[],
  sudo: SudoMode | undefined = false,
): RemoteCommand {
  if (argv.length === 0) throw new PromsteadError('VALIDATION', 'A remote command needs a program to run.');
  for (const word of argv) {
    // A shell word cannot hold NUL: sshd would cut the command there.
    if (word.includes('\0'))
      throw new PromsteadError('VALIDATION', 'A remote command argument contains a NUL character.');
  }
  if (sudo === false) return { commandLine: shellCommand(argv) };
  if (sudo === true) return { commandLine: shellCommand(['sudo', '-n', '--', ...argv]) };
  if (/[\r\n\0]/.test(sudo.password))
    throw new PromsteadError('VALIDATION', 'The sudo password cannot contain a line break or NUL.');
  return {
    commandLine: shellCommand(['sudo', '-k', '-S', '-p', '', '--', ...argv]),
    stdinPrefix: `${sudo.password}\n`,
  };
}

/** sudo's own refusals (exit status 1, its messages on stderr), as an error naming the fix. */
export function sudoRefusal(
  code: number | null,
  stderr: string,
  username: string,
): PromsteadError | undefined {
  if (code === 127 && /sudo: (command )?not found|sudo: No such file/.test(stderr))
    return new PromsteadError(
      'FORBIDDEN',
      'sudo is not installed on this host: connect as root or install sudo.',
    );
  if (code !== 1) return undefined;
  if (/sudo: (a password is required|a terminal is required)/.test(stderr))
    return new PromsteadError(
      'FORBIDDEN',
      `sudo on this host asks ${username} for a password: enter the sudo password in Hosts, or allow the command without one (NOPASSWD).`,
    );
  if (/incorrect password attempt|Sorry, try again/.test(stderr))
    return new PromsteadError(
      'FORBIDDEN',
      `sudo refused ${username}'s password: check the sudo password in Hosts.`,
    );
  if (/is not in the sudoers file|is not allowed to run sudo|may not run sudo/.test(stderr))
    return new PromsteadError(
      'FORBIDDEN',
      `${username} may not use sudo on this host: add the user to the sudo (or wheel) group, or connect as a user who may.`,
    );
  return undefined;
}

/** The hash `sha256sum` prints (a leading backslash marks an escaped file name). */
export function parseSha256sum(stdout: string): string | undefined {
  return /^\\?([0-9a-f]{64}) /.exec(stdout)?.[1];
}
