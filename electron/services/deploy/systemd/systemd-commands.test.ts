import { describe, expect, it } from 'vitest';
import {
  architectureOf,
  checkRemotePath,
  checkUnitName,
  checkUser,
  installFileArgv,
  parseOwner,
  parseShow,
  systemctlArgv,
  useraddArgv,
} from './systemd-commands';

describe('systemd commands', () => {
  it('builds argv with -- before every user-given word', () => {
    expect(useraddArgv('node_exporter')).toEqual([
      'useradd',
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      '--',
      'node_exporter',
    ]);
    expect(
      installFileArgv('/root/.promstead-upload-1', '/usr/local/bin/x', 0o755, {
        user: 'root',
        group: 'root',
      }),
    ).toEqual([
      'install',
      '-m',
      '0755',
      '-o',
      'root',
      '-g',
      'root',
      '-T',
      '--',
      '/root/.promstead-upload-1',
      '/usr/local/bin/x',
    ]);
    expect(systemctlArgv('enable', 'a.service', true)).toEqual([
      'systemctl',
      'enable',
      '--now',
      '--',
      'a.service',
    ]);
  });

  it.each(['relative/path', '/etc/../shadow', '/a//b', '/a/./b', '/', '/a/', '/a\nb', '/a\0b', '/a/b\x7f'])(
    'refuses the hostile path %j',
    (path) => {
      expect(() => checkRemotePath(path)).toThrow(/absolute, normalised/);
    },
  );

  it('keeps a path with spaces or quotes as one argv word (the SSH layer quotes it)', () => {
    expect(
      installFileArgv('/tmp/a', "/opt/my 'x'; rm -rf ~", 0o644, { user: 'root', group: 'root' }).at(-1),
    ).toBe("/opt/my 'x'; rm -rf ~");
  });

  it.each(['-rf', 'root', 'Bob', 'a b', 'a;b', '$(id)', 'x'.repeat(33), ''])(
    'refuses the user %j',
    (user) => {
      expect(() => checkUser(user)).toThrow(/system user/);
    },
  );

  it.each(['--now.service', 'a b.service', 'a.socket', '../x.service', 'x.service\n'])(
    'refuses the unit %j',
    (name) => {
      expect(() => checkUnitName(name)).toThrow(/service name/);
    },
  );

  it('parses owners and refuses odd ones', () => {
    expect(parseOwner(undefined)).toEqual({ user: 'root', group: 'root' });
    expect(parseOwner('node_exporter:node_exporter')).toEqual({
      user: 'node_exporter',
      group: 'node_exporter',
    });
    expect(() => parseOwner('a:b:c')).toThrow();
    expect(() => parseOwner('-o:root')).toThrow();
  });

  it('maps uname -m to release architectures', () => {
    expect(architectureOf('x86_64\n')).toBe('amd64');
    expect(architectureOf('aarch64')).toBe('arm64');
    expect(() => architectureOf('mips')).toThrow(/mips/);
  });

  it('reads systemctl show in any order', () => {
    expect(parseShow('NRestarts=0\nActiveState=active\nSubState=running\n')).toEqual({
      NRestarts: '0',
      ActiveState: 'active',
      SubState: 'running',
    });
  });
});
