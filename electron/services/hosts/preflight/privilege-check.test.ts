import { describe, expect, it } from 'vitest';
import type { PrivilegeFacts } from '@shared/contract';
import { privilegeCheck, readSudoAnswer } from './privilege-check';
import { initKindOf } from './system-checks';

const answer = (code: number, stderr: string): { code: number; stdout: string; stderr: string } => ({
  code,
  stdout: '',
  stderr,
});

describe("sudo's answers", () => {
  it.each([
    [answer(0, ''), 'passwordless'],
    [answer(1, 'sudo: a password is required\n'), 'passwordRequired'],
    [answer(1, 'limited is not in the sudoers file.\n'), 'notAllowed'],
    [answer(1, 'Sorry, user bob may not run sudo on homeserver.\n'), 'notAllowed'],
    [answer(1, 'sudo: 1 incorrect password attempt\n'), 'passwordRefused'],
    [answer(127, 'sh: 1: sudo: not found\n'), 'notInstalled'],
    [answer(1, 'something else'), 'unknown'],
    [undefined, 'unknown'],
  ] as const)('%j is %s', (result, state) => {
    expect(readSudoAnswer(result)).toBe(state);
  });
});

describe('the privilege check', () => {
  const facts = (overrides: Partial<PrivilegeFacts>): PrivilegeFacts => ({
    uid: 1001,
    username: 'deployer',
    configured: 'sudo',
    sudo: 'passwordless',
    usable: 'sudo',
    suggested: 'sudo',
    ...overrides,
  });

  it('is ok for root and for working sudo', () => {
    expect(
      privilegeCheck(facts({ uid: 0, username: 'root', usable: 'root', sudo: 'notNeeded' })).status,
    ).toBe('ok');
    expect(privilegeCheck(facts({})).status).toBe('ok');
  });

  it('fails a configured sudo that does not work, with the fix', () => {
    expect(
      privilegeCheck(facts({ sudo: 'passwordRequired', usable: 'none', suggested: 'none' })),
    ).toMatchObject({
      status: 'fail',
      fix: expect.stringMatching(/sudo password in Hosts/),
    });
    expect(privilegeCheck(facts({ sudo: 'notAllowed', usable: 'none', suggested: 'none' })).fix).toMatch(
      /Add deployer to the sudo/,
    );
    expect(privilegeCheck(facts({ configured: 'root', usable: 'none' })).status).toBe('fail');
  });

  it('suggests sudo when it works but the host is set not to use it', () => {
    expect(privilegeCheck(facts({ configured: 'none', usable: 'none' }))).toMatchObject({
      status: 'info',
      fix: expect.stringMatching(/use sudo/),
    });
  });
});

describe('init system', () => {
  it.each([
    ['systemd', undefined, 'systemd'],
    ['init', '/usr/lib/systemd/systemd', 'systemd'],
    ['init', '/bin/busybox', 'busybox'],
    ['init', '/sbin/openrc-init', 'openrc'],
    ['init', undefined, 'sysvinit'],
    ['runsvdir', undefined, 'runit'],
    ['s6-svscan', undefined, 's6'],
    ['process_api', undefined, 'other'],
    [undefined, undefined, 'other'],
  ] as const)('PID 1 %s (init %s) is %s', (pid1, target, kind) => {
    expect(initKindOf(pid1, target)).toBe(kind);
  });
});
