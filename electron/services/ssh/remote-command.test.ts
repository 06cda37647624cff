import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildRemoteCommand, parseSha256sum, sudoRefusal } from './remote-command';

const execFileAsync = promisify(execFile);

/** Runs the command line as sshd would (the user's shell with -c) and returns stdout. */
async function runInShell(shell: string, commandLine: string): Promise<string> {
  const { stdout } = await execFileAsync(shell, ['-c', commandLine], { timeout: 10_000 });
  return stdout;
}

const hostile = [
  '$(rm -rf /)',
  '`id`',
  ';',
  "'",
  "''",
  '"',
  '$HOME',
  '${PATH}',
  '\\',
  'a b\tc',
  'line\nbreak',
  '*',
  '~',
  '-n',
  '--',
  '&& echo pwned',
  '| cat /etc/passwd',
  '> /tmp/promstead-should-not-exist',
  '#comment',
  '!!',
  '',
  'üñí©ødé',
];

describe('buildRemoteCommand', () => {
  it.each(['sh', 'bash'])('makes %s see each hostile argument as one literal word', async (shell) => {
    const { commandLine } = buildRemoteCommand(['printf', '%s\\0', ...hostile]);
    const words = (await runInShell(shell, commandLine)).split('\0').slice(0, -1);
    expect(words).toEqual(hostile);
  });

  it('quotes the program too, so it cannot be a shell construct', () => {
    expect(buildRemoteCommand(['echo hi; id']).commandLine).toBe(`'echo hi; id'`);
    expect(buildRemoteCommand(["it's"]).commandLine).toBe(`'it'\\''s'`);
  });

  it('refuses an empty command and NUL characters', () => {
    expect(() => buildRemoteCommand([])).toThrow(/needs a program/);
    expect(() => buildRemoteCommand(['echo', 'a\0b'])).toThrow(/NUL/);
  });

  it('puts sudo -n -- in front without a password', () => {
    expect(buildRemoteCommand(['id', '-u'], true)).toEqual({ commandLine: `'sudo' '-n' '--' 'id' '-u'` });
    expect(buildRemoteCommand(['id'], false)).toEqual({ commandLine: `'id'` });
  });

  it('sends a sudo password on stdin, never on the command line', () => {
    const password = "pa$$ 'word' `x`";
    const command = buildRemoteCommand(['systemctl', 'daemon-reload'], { password });
    expect(command.commandLine).toBe(`'sudo' '-k' '-S' '-p' '' '--' 'systemctl' 'daemon-reload'`);
    expect(command.commandLine).not.toContain('pa$$');
    expect(command.stdinPrefix).toBe(`${password}\n`);
  });

  it('refuses a sudo password that would break the stdin line', () => {
    expect(() => buildRemoteCommand(['id'], { password: 'a\nb' })).toThrow(/line break/);
  });
});

describe('sudoRefusal', () => {
  it.each([
    ['sudo: a password is required\n', /asks admin for a password/],
    ['sudo: a terminal is required to read the password', /asks admin for a password/],
    ['Sorry, try again.\nsudo: 3 incorrect password attempts\n', /refused admin's password/],
    ['admin is not in the sudoers file.  This incident will be reported.\n', /may not use sudo/],
    ['Sorry, user admin may not run sudo on nas.\n', /may not use sudo/],
  ])('explains %j', (stderr, message) => {
    expect(sudoRefusal(1, stderr, 'admin')?.message).toMatch(message);
    expect(sudoRefusal(1, stderr, 'admin')?.code).toBe('FORBIDDEN');
  });

  it('knows a missing sudo, and leaves the command’s own failures alone', () => {
    expect(sudoRefusal(127, 'sh: 1: sudo: not found\n', 'admin')?.message).toMatch(/not installed/);
    expect(sudoRefusal(1, 'cp: cannot stat x\n', 'admin')).toBeUndefined();
    expect(sudoRefusal(2, 'sudo: a password is required\n', 'admin')).toBeUndefined();
    expect(sudoRefusal(0, '', 'admin')).toBeUndefined();
  });
});

describe('parseSha256sum', () => {
  const hash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  it('reads the hash, with or without the escaped-name backslash', () => {
    expect(parseSha256sum(`${hash}  /etc/x\n`)).toBe(hash);
    expect(parseSha256sum(`\\${hash}  /etc/a\\nb\n`)).toBe(hash);
    expect(parseSha256sum('sha256sum: x: No such file or directory\n')).toBeUndefined();
    expect(parseSha256sum(`${hash.toUpperCase()}  x`)).toBeUndefined();
  });
});
