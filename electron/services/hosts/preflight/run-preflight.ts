// The preflight job: each check is one progress step, read-only on the host, and the
// report ends with the install method the facts imply.
import {
  preflightPhases,
  type PreflightCheck,
  type PreflightFacts,
  type PreflightReport,
  PreflightReportSchema,
  type Privilege,
  PromsteadError,
} from '@shared/contract';
import type { JobContext } from '../../jobs';
import type { SshHost } from '../../ssh';
import { checkDocker } from './docker-check';
import { HostProbe } from './host-probe';
import { chooseInstallMethod } from './install-method';
import { checkFirewall, checkPorts } from './network-checks';
import { checkPrivilege } from './privilege-check';
import { checkCgroup, checkDisk, checkRootPropagation } from './storage-checks';
import { checkArch, checkInit, checkNas, checkOs } from './system-checks';

export type PreflightJob = Pick<
  JobContext<'hosts.preflight'>,
  'signal' | 'progress' | 'log' | 'throwIfCancelled'
>;

export interface PreflightOptions {
  /** The host's configured privilege; sudo is used only when it says so. */
  privilege: Privilege;
  /** The sudo password, read from the SecretStore by the caller; never logged. */
  sudoPassword?: string;
  /** The TCP ports the exporters to deploy would listen on. */
  ports: readonly number[];
  job: PreflightJob;
  /** The Docker socket on the host; /var/run/docker.sock when absent. */
  dockerSocketPath?: string;
  /** Where Promstead writes exporter configuration; its free space is checked. */
  configDir?: string;
  now?: () => number;
}

export const defaultConfigDir = '/etc/promstead';
const maxPorts = 64;
const [preflightPhase] = preflightPhases;

function validPorts(ports: readonly number[]): number[] {
  const unique = [...new Set(ports)];
  if (unique.length > maxPorts)
    throw new PromsteadError('VALIDATION', `At most ${maxPorts} ports can be checked at once.`);
  for (const port of unique)
    if (!Number.isInteger(port) || port < 1 || port > 65_535)
      throw new PromsteadError('VALIDATION', `Not a TCP port: ${String(port)}.`);
  return unique;
}

/** Checks in order; later ones use what earlier ones found (privilege for root-only reads, Docker's root dir). */
const stepTitles = [
  'Root or sudo',
  'Operating system',
  'NAS system',
  'Architecture',
  'Init system',
  'Docker',
  'cgroup version',
  'Mount propagation of /',
  'Free disk space',
  'Ports in use',
  'Firewall',
] as const;

export async function runPreflight(host: SshHost, options: PreflightOptions): Promise<PreflightReport> {
  const ports = validPorts(options.ports);
  const { job } = options;
  const probe = new HostProbe(host, job.signal, (message) => job.log('info', message));
  const checks: PreflightCheck[] = [];
  let stepIndex = 0;
  /** Runs one check as one progress step and keeps its result. */
  const step = async <T>(work: () => Promise<{ check: PreflightCheck; facts: T }>): Promise<T> => {
    job.throwIfCancelled();
    job.progress(preflightPhase, stepIndex, stepTitles.length, stepTitles[stepIndex]);
    stepIndex++;
    const { check, facts } = await work();
    checks.push(check);
    job.log(
      check.status === 'fail' ? 'error' : check.status === 'warn' ? 'warn' : 'info',
      `${check.title}: ${check.status}: ${check.detail}`,
    );
    return facts;
  };

  // Fails fast (and with the SSH layer's own error) when the host cannot be reached.
  await host.connection(job.signal);
  await probe.findTools();
  const privilege = await step(async () => {
    const outcome = await checkPrivilege(probe, options.privilege, options.sudoPassword);
    probe.privileged = outcome.privileged;
    return outcome;
  });
  const os = await step(() => checkOs(probe));
  const nas = await step(() => checkNas(probe));
  const arch = await step(() => checkArch(probe));
  const init = await step(() => checkInit(probe));
  const docker = await step(() => checkDocker(probe, job.signal, options.dockerSocketPath));
  const cgroup = await step(() => checkCgroup(probe, docker));
  const rootPropagation = await step(() => checkRootPropagation(probe, docker));
  const disk = await step(() => checkDisk(probe, docker, options.configDir ?? defaultConfigDir));
  const portsInUse = await step(() => checkPorts(probe, ports));
  const firewall = await step(() => checkFirewall(probe, ports, privilege.uid === 0));
  job.progress(preflightPhase, stepTitles.length, stepTitles.length, 'Done');

  const facts: PreflightFacts = {
    os,
    nas,
    arch,
    init,
    docker,
    cgroup,
    rootPropagation,
    disk,
    portsInUse,
    firewall,
    privilege,
  };
  // Parsed on the way out: a report that breaks its own schema is a bug caught here.
  return PreflightReportSchema.parse({
    host: host.target.host,
    username: host.target.username,
    checkedAt: (options.now ?? Date.now)(),
    checks,
    facts,
    installMethod: chooseInstallMethod(facts),
  });
}
