import { describe, expect, it } from 'vitest';
import {
  UnsupportedInstallStyleError,
  WindowsExporterParamsSchema,
  powershellQuote,
  windowsExporter,
} from './windows-exporter';

const defaults = WindowsExporterParamsSchema.parse({});

/**
 * Reads a PowerShell verbatim string back the way PowerShell's tokenizer does: each of
 * the four single-quote characters closes it unless doubled. Stands in for pwsh, which
 * this machine does not have.
 */
function readVerbatimString(text: string): { value: string; rest: string } {
  const quote = /['\u2018\u2019\u201A\u201B]/;
  if (!quote.test(text[0] ?? '')) throw new Error('not a verbatim string');
  let value = '';
  for (let index = 1; index < text.length; index++) {
    const char = text[index] ?? '';
    if (quote.test(char)) {
      if (quote.test(text[index + 1] ?? '')) {
        value += char;
        index++;
        continue;
      }
      return { value, rest: text.slice(index + 1) };
    }
    value += char;
  }
  throw new Error('unterminated string');
}

describe('powershellQuote', () => {
  it.each([
    'plain',
    "it's",
    "'; Remove-Item -Recurse C:\\ ; '",
    '\u2019; Stop-Computer; \u2018',
    '$(Stop-Computer) `n $env:PATH',
    '',
    "''''",
  ])('round-trips %j as one literal string', (value) => {
    const quoted = powershellQuote(value);
    expect(readVerbatimString(quoted)).toEqual({ value, rest: '' });
  });

  it('doubles every quote character', () => {
    expect(powershellQuote("a'b\u2019c")).toBe("'a''b\u2019\u2019c'");
  });
});

describe('windows_exporter params', () => {
  it('has the seed collectors and port', () => {
    expect(defaults).toEqual({
      port: 9182,
      collectors: ['cpu', 'cs', 'logical_disk', 'net', 'os', 'system', 'memory'],
      arch: 'amd64',
      firewallRemoteAddresses: [],
    });
  });

  it.each([
    { port: 0 },
    { port: 65_536 },
    { collectors: [] },
    { collectors: ['cpu,os'] },
    { collectors: ["cpu'; Stop-Computer; '"] },
    { collectors: ['cpu', 'cpu'] },
    { collectors: ['nosuch'] },
    { arch: 'x86' },
    { firewallRemoteAddresses: ['Any'] },
    { firewallRemoteAddresses: ['10.0.0.0/33'] },
    { firewallRemoteAddresses: ["10.0.0.1'; Stop-Computer; '"] },
    { firewallRemoteAddresses: ['nas.lan'] },
    { unknown: true },
  ])('refuses %j', (input) => {
    expect(WindowsExporterParamsSchema.safeParse(input).success).toBe(false);
  });
});

describe('windows_exporter artefacts', () => {
  it('renders the install script with quoted values', async () => {
    const script = windowsExporter.installScript(defaults, {});
    expect(script).toContain("$EnabledCollectors = 'cpu,cs,logical_disk,net,os,system,memory'");
    expect(script).toContain("$ListenPort = '9182'");
    expect(script).toContain("$RemoteAddresses = @('LocalSubnet')");
    expect(script).toContain('ENABLED_COLLECTORS=$EnabledCollectors');
    expect(script).toContain('New-NetFirewallRule');
    await expect(script).toMatchFileSnapshot('__golden__/windows_exporter-install.ps1.golden');
  });

  it('limits the firewall rule to the given addresses', () => {
    const params = WindowsExporterParamsSchema.parse({
      firewallRemoteAddresses: ['192.168.1.0/24', 'fd00::5'],
      port: 9200,
      collectors: ['cpu', 'service'],
    });
    const script = windowsExporter.installScript(params, { version: '0.30.0' });
    expect(script).toContain("$RemoteAddresses = @('192.168.1.0/24', 'fd00::5')");
    expect(script).toContain('/v0.30.0/windows_exporter-0.30.0-amd64.msi');
    expect(windowsExporter.proofMetrics(params)).toEqual([
      'windows_exporter_build_info',
      'windows_cpu_time_total',
    ]);
  });

  it('renders the uninstall script', async () => {
    await expect(windowsExporter.uninstallScript()).toMatchFileSnapshot(
      '__golden__/windows_exporter-uninstall.ps1.golden',
    );
  });

  it('refuses to render a container', () => {
    expect(() => windowsExporter.dockerContainer()).toThrow(UnsupportedInstallStyleError);
    expect(() => windowsExporter.composeService()).toThrow(UnsupportedInstallStyleError);
  });

  it('scrapes host:9182', () => {
    expect(windowsExporter.scrapeJobs(defaults, { host: 'desktop.lan', tier: 'standard' }).jobs).toEqual([
      { jobName: 'windows', tier: 'standard', staticConfigs: [{ targets: ['desktop.lan:9182'] }] },
    ]);
  });
});
