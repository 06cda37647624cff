// What the host runs: the distribution, a NAS system (Synology DSM, Unraid, TrueNAS,
// Proxmox) recognised by the files each one ships, the CPU architecture and the init system.
import type { ArchFacts, InitFacts, NasFacts, OsFacts, PreflightCheck } from '@shared/contract';
import type { HostProbe } from './host-probe';
import {
  mapArchitecture,
  parseOsRelease,
  parsePveVersion,
  parseSynologyModel,
  parseSynologyVersion,
  parseTrueNasVersion,
  parseUnraidVersion,
} from './os-release';
import { boundedLines, cleanText } from './text-bounds';

async function firstLine(probe: HostProbe, argv: string[]): Promise<string | undefined> {
  const result = await probe.run(argv, { maxBytes: 64 * 1024 });
  if (result?.code !== 0) return undefined;
  const line = cleanText(boundedLines(result.stdout, 1)[0] ?? '', 120);
  return line === '' ? undefined : line;
}

export async function checkOs(probe: HostProbe): Promise<{ check: PreflightCheck; facts: OsFacts }> {
  const file = await probe.readFirst(['/etc/os-release', '/usr/lib/os-release']);
  const kernelName = await firstLine(probe, ['uname', '-s']);
  const kernelRelease = await firstLine(probe, ['uname', '-r']);
  const release = file ? parseOsRelease(file.text) : { idLike: [], name: kernelName ?? 'unknown' };
  const facts: OsFacts = {
    ...release,
    ...(kernelName === undefined ? {} : { kernelName }),
    ...(kernelRelease === undefined ? {} : { kernelRelease }),
  };
  const shown = facts.prettyName ?? [facts.name, facts.versionId].filter(Boolean).join(' ');
  const kernel = [kernelName, kernelRelease].filter(Boolean).join(' ');
  const base = { id: 'os', title: 'Operating system' } as const;
  if (kernelName !== undefined && kernelName !== 'Linux')
    return {
      check: {
        ...base,
        status: 'warn',
        detail: `${shown} (${kernel}): Promstead's exporters and units are built for Linux.`,
        fix: 'Run the exporters in a Linux VM or jail on this host, or install them by hand.',
      },
      facts,
    };
  return {
    check: file
      ? { ...base, status: 'ok', detail: `${shown}${kernel ? `, kernel ${kernel}` : ''}.` }
      : { ...base, status: 'info', detail: `No os-release file; the kernel is ${kernel || 'unknown'}.` },
    facts,
  };
}

async function detectSynology(probe: HostProbe): Promise<NasFacts | undefined> {
  const versionFile = await probe.readFirst(['/etc.defaults/VERSION', '/etc/VERSION']);
  const version = versionFile ? parseSynologyVersion(versionFile.text) : undefined;
  const synoinfo = await probe.readFirst(['/etc/synoinfo.conf', '/etc.defaults/synoinfo.conf']);
  if (!version && !synoinfo) return undefined;
  const model = synoinfo ? parseSynologyModel(synoinfo.text) : undefined;
  return {
    kind: 'synology',
    product: version?.product ?? 'DSM',
    ...(version?.version ? { version: version.version } : {}),
    ...(version?.build ? { build: version.build } : {}),
    ...(model ? { model } : {}),
    evidence: [versionFile?.path, synoinfo?.path].filter((path): path is string => path !== undefined),
  };
}

async function detectOtherNas(probe: HostProbe): Promise<NasFacts | undefined> {
  const unraid = await probe.read('/etc/unraid-version', 64 * 1024);
  if (unraid !== undefined) {
    const version = parseUnraidVersion(unraid);
    return {
      kind: 'unraid',
      product: 'Unraid',
      ...(version ? { version } : {}),
      evidence: ['/etc/unraid-version'],
    };
  }
  const trueNasVersion = await probe.read('/etc/version', 64 * 1024);
  const midclt = probe.tool('midclt');
  // /etc/version alone is too common a name: TrueNAS also ships its middleware client.
  if (midclt !== undefined || (trueNasVersion !== undefined && /TrueNAS/i.test(trueNasVersion))) {
    const parsed =
      trueNasVersion === undefined ? { product: 'TrueNAS' } : parseTrueNasVersion(trueNasVersion);
    const evidence = [trueNasVersion === undefined ? undefined : '/etc/version', midclt].filter(
      (item): item is string => item !== undefined,
    );
    return { kind: 'truenas', ...parsed, evidence };
  }
  const pveversion = probe.tool('pveversion');
  const pveDirectory = await probe.exists('/etc/pve');
  if (pveversion !== undefined || pveDirectory) {
    const output =
      pveversion === undefined ? undefined : await probe.run([pveversion], { maxBytes: 64 * 1024 });
    const version = output?.code === 0 ? parsePveVersion(output.stdout) : undefined;
    const evidence = [pveversion, pveDirectory ? '/etc/pve' : undefined].filter(
      (item): item is string => item !== undefined,
    );
    return { kind: 'proxmox', product: 'Proxmox VE', ...(version ? { version } : {}), evidence };
  }
  return undefined;
}

const nasNotes: Record<Exclude<NasFacts['kind'], 'none'>, string> = {
  synology:
    'On DSM, Docker comes from Container Manager and its socket is root-only by default; / is not a shared mount after boot.',
  unraid: 'Unraid runs from RAM: files outside /boot and the array do not survive a reboot; use Docker.',
  truenas: 'TrueNAS SCALE manages Docker through its apps; changes to the base system are reset on update.',
  proxmox: 'Proxmox VE is Debian with systemd: install exporters on the host or in a container.',
};

export async function checkNas(probe: HostProbe): Promise<{ check: PreflightCheck; facts: NasFacts }> {
  const facts = (await detectSynology(probe)) ??
    (await detectOtherNas(probe)) ?? { kind: 'none', evidence: [] };
  const base = { id: 'nas', title: 'NAS system', status: 'info' } as const;
  if (facts.kind === 'none')
    return {
      check: { ...base, detail: 'No Synology DSM, Unraid, TrueNAS or Proxmox files: a general Linux host.' },
      facts,
    };
  const name = [
    facts.product,
    facts.version,
    facts.build && `build ${facts.build}`,
    facts.model && `on ${facts.model}`,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    check: { ...base, detail: `${name} (from ${facts.evidence.join(', ')}). ${nasNotes[facts.kind]}` },
    facts,
  };
}

export async function checkArch(probe: HostProbe): Promise<{ check: PreflightCheck; facts: ArchFacts }> {
  const machine = (await firstLine(probe, ['uname', '-m'])) ?? 'unknown';
  const arch = mapArchitecture(machine);
  const base = { id: 'arch', title: 'Architecture' } as const;
  return {
    check:
      arch === 'unknown'
        ? {
            ...base,
            status: 'fail',
            detail: `${machine}: no exporter build is published for this architecture.`,
            fix: 'Build the exporters from source on the host, or run them on another machine.',
          }
        : { ...base, status: 'ok', detail: `${machine} (${arch}).` },
    facts: { machine, arch },
  };
}

/** PID 1's name to the init system; `init` is told apart by where /sbin/init leads. */
export function initKindOf(pid1: string | undefined, initTarget: string | undefined): InitFacts['kind'] {
  if (pid1 === 'systemd') return 'systemd';
  if (pid1 === 'openrc-init') return 'openrc';
  if (pid1 === 'runit' || pid1 === 'runsvdir') return 'runit';
  if (pid1 === 's6-svscan') return 's6';
  if (pid1 !== 'init') return 'other';
  if (initTarget?.includes('systemd')) return 'systemd';
  if (initTarget?.includes('busybox')) return 'busybox';
  if (initTarget?.includes('openrc')) return 'openrc';
  return 'sysvinit';
}

/** States of `systemctl is-system-running` in which units can be installed and started. */
const usableStates = new Set(['running', 'degraded', 'starting', 'initializing']);

export async function checkInit(probe: HostProbe): Promise<{ check: PreflightCheck; facts: InitFacts }> {
  const comm = await probe.read('/proc/1/comm', 4096);
  const pid1 = comm === undefined ? undefined : cleanText(comm, 64) || undefined;
  const readlink = probe.tool('readlink');
  const initTarget =
    pid1 === 'init' && readlink ? await firstLine(probe, [readlink, '-f', '/sbin/init']) : undefined;
  const kind = initKindOf(pid1, initTarget);
  const systemctl = probe.tool('systemctl');
  const state = systemctl ? await probe.run([systemctl, 'is-system-running'], { maxBytes: 4096 }) : undefined;
  const systemState = state ? cleanText(boundedLines(state.stdout, 1)[0] ?? '', 40) || undefined : undefined;
  const systemdUsable = kind === 'systemd' && (systemState === undefined || usableStates.has(systemState));
  const facts: InitFacts = {
    kind,
    ...(pid1 === undefined ? {} : { pid1 }),
    systemctl: systemctl !== undefined,
    ...(systemState === undefined ? {} : { systemState }),
    systemdUsable,
  };
  const base = { id: 'init', title: 'Init system' } as const;
  if (kind === 'systemd' && systemState === 'degraded')
    return {
      check: {
        ...base,
        status: 'warn',
        detail: 'systemd is PID 1 but degraded: some units have failed. Units can still be installed.',
        fix: 'See which units failed with `systemctl --failed`.',
      },
      facts,
    };
  if (kind === 'systemd')
    return {
      check: {
        ...base,
        status: systemdUsable ? 'ok' : 'warn',
        detail: `systemd is PID 1${systemState ? ` (${systemState})` : ''}.`,
      },
      facts,
    };
  const why = systemctl
    ? `systemctl is installed but systemd is not running as PID 1${systemState ? ` (${systemState})` : ''}`
    : 'no systemd';
  return {
    check: {
      ...base,
      status: 'info',
      detail: `PID 1 is ${pid1 ?? 'unknown'} (${kind}); ${why}: units cannot be installed, Docker or a manual install instead.`,
    },
    facts,
  };
}
