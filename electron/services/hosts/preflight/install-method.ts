// The install method the facts imply: Docker where this user reaches it, else a binary
// with a systemd unit where systemd runs and root-only steps are possible, else a
// script the user runs by hand.
import type { DockerFacts, InitFacts, InstallMethod, PrivilegeFacts } from '@shared/contract';

const dockerWhy: Record<Exclude<DockerFacts['status'], 'reachable'>, string> = {
  permissionDenied: 'this user may not use Docker (not in the docker group)',
  notInstalled: 'Docker is not installed',
  unreachable: 'Docker is not reachable (is it running?)',
};

export function chooseInstallMethod(facts: {
  docker: DockerFacts;
  init: InitFacts;
  privilege: PrivilegeFacts;
}): InstallMethod {
  const { docker, init, privilege } = facts;
  if (docker.status === 'reachable')
    return {
      method: 'docker',
      reason: `Docker${docker.version ? ` ${docker.version}` : ''} is reachable for this user: exporters run as containers.`,
    };
  const noDocker = dockerWhy[docker.status];
  if (init.systemdUsable && privilege.usable !== 'none')
    return {
      method: 'systemd',
      reason: `${capitalise(noDocker)}; systemd is PID 1 and ${privilege.usable === 'root' ? 'this user is root' : 'sudo works'}: exporters install as binaries with systemd units.`,
    };
  const blockers = [noDocker];
  if (!init.systemdUsable) blockers.push('systemd is not the running init system');
  else blockers.push('root-only steps are not possible (not root, and no usable sudo)');
  return {
    method: 'manual',
    reason: `${capitalise(blockers.join(', and '))}: Promstead gives a script to run by hand as root.`,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
