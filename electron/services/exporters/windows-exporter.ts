// windows_exporter: host metrics of a Windows machine. Installed from the upstream MSI
// by a PowerShell script (the seed's Windows section) with a firewall rule of its own;
// Docker and compose are not offered, the exporter must run on the host.
import { z } from 'zod';
import { exporterAlertRules } from './alert-rules';
import {
  type ComposeService,
  type ContainerSpec,
  type ExporterDefinition,
  type RenderContext,
  versionOf,
} from './catalog-types';
import { PortSchema } from '@shared/contract';
import { singleTargetScrapeJobs } from './scrape-job';

/** Collectors windows_exporter 0.25 knows; anything else is refused before it reaches a script. */
export const windowsCollectors = [
  'ad',
  'cpu',
  'cpu_info',
  'cs',
  'dfsr',
  'dhcp',
  'dns',
  'exchange',
  'hyperv',
  'iis',
  'logical_disk',
  'logon',
  'memory',
  'mssql',
  'net',
  'netframework',
  'os',
  'physical_disk',
  'process',
  'remote_fx',
  'scheduled_task',
  'service',
  'smtp',
  'system',
  'tcp',
  'textfile',
  'thermalzone',
  'time',
  'vmware',
] as const;

export const windowsArchitectures = ['amd64', 'arm64'] as const;

/** Addresses the firewall rule admits: single addresses or CIDR blocks. */
const FirewallAddressSchema = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);

export const WindowsExporterParamsSchema = z
  .object({
    port: PortSchema.default(9182),
    /** The seed's list: cpu, cs, logical_disk, net, os, system, memory. */
    collectors: z
      .array(z.enum(windowsCollectors))
      .min(1)
      .max(windowsCollectors.length)
      .refine((names) => new Set(names).size === names.length, 'a collector is listed twice')
      .default(['cpu', 'cs', 'logical_disk', 'net', 'os', 'system', 'memory']),
    arch: z.enum(windowsArchitectures).default('amd64'),
    /** Who may reach the port; empty admits the local subnet only (Windows' LocalSubnet). */
    firewallRemoteAddresses: z.array(FirewallAddressSchema).max(32).default([]),
  })
  .strict();
export type WindowsExporterParams = z.output<typeof WindowsExporterParamsSchema>;

const defaultVersion = '0.25.1';
/** The scrape job's name, which the health rule matches too. */
const scrapeJobName = 'windows';
const serviceName = 'windows_exporter';
const firewallRuleName = 'Promstead windows_exporter';
const releaseBase = 'https://github.com/prometheus-community/windows_exporter/releases/download';

/** PowerShell treats the typographic single quotes as quote characters too. */
const powershellSingleQuotes = /['\u2018\u2019\u201A\u201B]/g;

/** Quotes one value as a PowerShell verbatim string: every quote character doubled. */
export function powershellQuote(value: string): string {
  return `'${value.replace(powershellSingleQuotes, '$&$&')}'`;
}

/** A PowerShell array literal of quoted strings. */
function powershellArray(values: readonly string[]): string {
  return `@(${values.map(powershellQuote).join(', ')})`;
}

export class UnsupportedInstallStyleError extends Error {
  override name = 'UnsupportedInstallStyleError';
}

function msiName(version: string, arch: string): string {
  return `windows_exporter-${version}-${arch}.msi`;
}

/** Assignments at the top of a script; every value single-quoted. */
function scriptVariables(variables: Record<string, string>): string {
  return Object.entries(variables)
    .map(([name, value]) => `$${name} = ${powershellQuote(value)}`)
    .join('\n');
}

function installScript(params: WindowsExporterParams, context: RenderContext): string {
  const version = versionOf(context, defaultVersion);
  const msi = msiName(version, params.arch);
  const remote = params.firewallRemoteAddresses.length > 0 ? params.firewallRemoteAddresses : ['LocalSubnet'];
  return `#Requires -RunAsAdministrator
# Installs windows_exporter ${version} from the upstream MSI (rendered by Promstead).
# Running it again upgrades in place and replaces the firewall rule.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

${scriptVariables({
  MsiUrl: `${releaseBase}/v${version}/${msi}`,
  ChecksumsUrl: `${releaseBase}/v${version}/sha256sums.txt`,
  MsiName: msi,
  EnabledCollectors: params.collectors.join(','),
  ListenPort: String(params.port),
  ServiceName: serviceName,
  FirewallRuleName: firewallRuleName,
})}
$RemoteAddresses = ${powershellArray(remote)}

$WorkDir = Join-Path ([System.IO.Path]::GetTempPath()) ([System.IO.Path]::GetRandomFileName())
New-Item -ItemType Directory -Path $WorkDir | Out-Null
try {
  $MsiPath = Join-Path $WorkDir $MsiName
  $ChecksumsPath = Join-Path $WorkDir 'sha256sums.txt'
  Invoke-WebRequest -UseBasicParsing -Uri $MsiUrl -OutFile $MsiPath
  Invoke-WebRequest -UseBasicParsing -Uri $ChecksumsUrl -OutFile $ChecksumsPath

  # Refuse an installer that does not match the published checksum.
  $Expected = Get-Content -LiteralPath $ChecksumsPath |
    Where-Object { $_ -match '^([0-9a-fA-F]{64})\\s+\\*?(.+)$' -and $Matches[2] -eq $MsiName } |
    ForEach-Object { $Matches[1].ToLowerInvariant() }
  $Actual = (Get-FileHash -LiteralPath $MsiPath -Algorithm SHA256).Hash.ToLowerInvariant()
  if ($null -eq $Expected -or $Actual -ne $Expected) {
    throw "Checksum mismatch for $MsiName"
  }

  $MsiArguments = @('/i', ('"{0}"' -f $MsiPath), "ENABLED_COLLECTORS=$EnabledCollectors", "LISTEN_PORT=$ListenPort", '/qn', '/norestart')
  $Process = Start-Process -FilePath 'msiexec.exe' -ArgumentList $MsiArguments -Wait -PassThru
  # 3010: installed, a reboot is pending; the service runs anyway.
  if ($Process.ExitCode -ne 0 -and $Process.ExitCode -ne 3010) {
    throw "msiexec failed with exit code $($Process.ExitCode)"
  }
} finally {
  Remove-Item -LiteralPath $WorkDir -Recurse -Force -ErrorAction SilentlyContinue
}

Get-NetFirewallRule -DisplayName $FirewallRuleName -ErrorAction SilentlyContinue | Remove-NetFirewallRule
New-NetFirewallRule -DisplayName $FirewallRuleName -Direction Inbound -Action Allow -Protocol TCP -LocalPort $ListenPort -RemoteAddress $RemoteAddresses -Profile Any | Out-Null

Set-Service -Name $ServiceName -StartupType Automatic
Restart-Service -Name $ServiceName
`;
}

function uninstallScript(): string {
  return `#Requires -RunAsAdministrator
# Removes the windows_exporter that Promstead installed, and its firewall rule.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

${scriptVariables({ ProductName: 'windows_exporter', FirewallRuleName: firewallRuleName })}

$UninstallKeys = @('HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*', 'HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*')
$Products = @(Get-ItemProperty -Path $UninstallKeys -ErrorAction SilentlyContinue |
  Where-Object { $_.PSObject.Properties['DisplayName'] -and $_.DisplayName -eq $ProductName })
foreach ($Product in $Products) {
  $Process = Start-Process -FilePath 'msiexec.exe' -ArgumentList @('/x', $Product.PSChildName, '/qn', '/norestart') -Wait -PassThru
  if ($Process.ExitCode -ne 0 -and $Process.ExitCode -ne 3010) {
    throw "msiexec failed with exit code $($Process.ExitCode)"
  }
}

Get-NetFirewallRule -DisplayName $FirewallRuleName -ErrorAction SilentlyContinue | Remove-NetFirewallRule
`;
}

function noContainer(): never {
  throw new UnsupportedInstallStyleError(
    'windows_exporter runs on the Windows host: use the windows install style',
  );
}

export const windowsExporter = {
  id: 'windows_exporter',
  name: 'Windows Exporter',
  summary: 'CPU, memory, disks, network and services of a Windows host.',
  defaultPort: 9182,
  version: defaultVersion,
  image: { repository: 'ghcr.io/prometheus-community/windows-exporter', tag: defaultVersion },
  params: WindowsExporterParamsSchema,
  installStyles: ['windows'],
  dockerContainer: (): ContainerSpec => noContainer(),
  composeService: (): { name: string; service: ComposeService } => noContainer(),
  installScript,
  uninstallScript,
  configFiles: () => [],
  scrapeJobs: (params, scrape) => singleTargetScrapeJobs(scrapeJobName, scrape, params.port),
  alertRules: () => exporterAlertRules('windows_exporter', [scrapeJobName]),
  proofMetrics: (params) => {
    const byCollector: Partial<Record<(typeof windowsCollectors)[number], string>> = {
      cpu: 'windows_cpu_time_total',
      cs: 'windows_cs_physical_memory_bytes',
      logical_disk: 'windows_logical_disk_free_bytes',
      memory: 'windows_memory_available_bytes',
      net: 'windows_net_bytes_total',
      os: 'windows_os_info',
    };
    return [
      'windows_exporter_build_info',
      ...params.collectors.flatMap((name) => {
        const metric = byCollector[name];
        return metric ? [metric] : [];
      }),
    ];
  },
} satisfies ExporterDefinition<WindowsExporterParams>;
