import { describe, expect, it } from 'vitest';
import type { InitFacts, PrivilegeFacts } from '@shared/contract';
import { chooseInstallMethod } from './install-method';

const systemd: InitFacts = {
  kind: 'systemd',
  pid1: 'systemd',
  systemctl: true,
  systemState: 'running',
  systemdUsable: true,
};
const noSystemd: InitFacts = { kind: 'busybox', pid1: 'init', systemctl: false, systemdUsable: false };
const privilege = (usable: PrivilegeFacts['usable']): PrivilegeFacts => ({
  configured: usable,
  sudo: usable === 'sudo' ? 'passwordless' : 'notInstalled',
  usable,
  suggested: usable,
});

describe('install method', () => {
  it('is docker wherever this user reaches Docker', () => {
    const method = chooseInstallMethod({
      docker: { status: 'reachable', version: '24.0.7' },
      init: systemd,
      privilege: privilege('root'),
    });
    expect(method).toEqual({
      method: 'docker',
      reason: 'Docker 24.0.7 is reachable for this user: exporters run as containers.',
    });
  });

  it('is systemd without Docker where systemd runs and root or sudo works', () => {
    expect(
      chooseInstallMethod({
        docker: { status: 'notInstalled' },
        init: systemd,
        privilege: privilege('sudo'),
      }),
    ).toMatchObject({
      method: 'systemd',
      reason: expect.stringMatching(/Docker is not installed.*sudo works/),
    });
    expect(
      chooseInstallMethod({
        docker: { status: 'permissionDenied' },
        init: systemd,
        privilege: privilege('root'),
      }).method,
    ).toBe('systemd');
  });

  it('is manual otherwise, saying why', () => {
    expect(
      chooseInstallMethod({
        docker: { status: 'notInstalled' },
        init: systemd,
        privilege: privilege('none'),
      }),
    ).toMatchObject({ method: 'manual', reason: expect.stringMatching(/no usable sudo/) });
    expect(
      chooseInstallMethod({
        docker: { status: 'unreachable' },
        init: noSystemd,
        privilege: privilege('root'),
      }),
    ).toMatchObject({ method: 'manual', reason: expect.stringMatching(/not reachable.*systemd is not/) });
  });
});
