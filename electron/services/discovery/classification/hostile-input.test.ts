// Facts come from the network: an agent or a web server picks its sysDescr, banner and
// title. Odd, huge or crafted text must neither hang the rules nor forge evidence.
import { describe, expect, it } from 'vitest';
import type { Service, SnmpInfo } from '@shared/contract';
import { classify } from './classify';
import type { HostFacts } from './host-facts';
import { suggestExporters } from './suggest';
import { displayText } from './text';

function snmp(change: Partial<SnmpInfo>): SnmpInfo {
  return {
    version: 'v2c',
    credential: 'public',
    sysDescr: '',
    sysObjectID: '',
    sysName: '',
    sysLocation: '',
    sysContact: '',
    sysUpTimeSeconds: 0,
    ...change,
  };
}

/** Text shaped to make a backtracking engine try every split of it. */
const backtrackBait = `${'(('.repeat(20_000)}((((((((a${'a'.repeat(50_000)}!`;

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

describe('classification of hostile and odd facts', () => {
  it('handles empty strings everywhere', () => {
    const facts: HostFacts = {
      address: '',
      hostname: '',
      liveness: 'none',
      mac: '',
      macVendor: '',
      snmp: snmp({}),
      services: [
        { port: 22, service: 'ssh', banner: '' },
        { port: 80, service: 'http', httpTitle: '', httpServer: '' },
      ],
    };
    const result = classify(facts);
    expect(result.kind).toBe('unknown');
    expect(result.evidence).toEqual(['SNMP v2c answered with no sysObjectID; sysDescr ""']);
    expect(suggestExporters(facts, result).map((suggestion) => suggestion.exporter)).toEqual([
      'snmp_exporter',
      'blackbox_icmp',
      'blackbox_http',
    ]);
  });

  it('says so when a host was seen but answered nothing', () => {
    expect(classify({ address: '10.0.0.1', liveness: 'none', services: [] }).evidence).toEqual([
      'no identifying facts: the host was seen but answered nothing Promstead asks',
    ]);
  });

  it('reads a megabyte sysDescr, banner and title quickly, and shows a short line', () => {
    const huge = 'Linux ' + 'x'.repeat(1_000_000);
    const facts: HostFacts = {
      address: '10.0.0.2',
      liveness: 'icmp',
      snmp: snmp({ sysDescr: huge, sysObjectID: '1.3.6.1.4.1.8072.3.2.10', sysName: huge }),
      services: [
        { port: 22, service: 'ssh', banner: `SSH-2.0-OpenSSH_9.2p1 Debian ${huge}` },
        { port: 443, service: 'https', httpTitle: huge, httpServer: huge },
      ],
    };
    const { value: result, ms } = timed(() => classify(facts));
    expect(ms).toBeLessThan(500);
    expect(result.kind).toBe('linux-server');
    for (const line of result.evidence) expect(line.length).toBeLessThanOrEqual(240);
    for (const suggestion of suggestExporters(facts, result))
      expect(suggestion.reason.length).toBeLessThan(600);
  });

  it('does not backtrack catastrophically on regex-hostile text in any field', () => {
    const facts: HostFacts = {
      address: backtrackBait,
      hostname: backtrackBait,
      liveness: 'icmp',
      mac: backtrackBait,
      macVendor: backtrackBait,
      snmp: snmp({
        sysDescr: backtrackBait,
        sysObjectID: `1.3.6.1.4.1.${'1.'.repeat(100_000)}`,
        sysName: backtrackBait,
        vendor: { model: backtrackBait, version: backtrackBait, serial: backtrackBait },
        interfaces: { count: 1_000_000, up: -1 },
      }),
      services: [
        { port: 22, service: 'ssh', banner: `SSH-2.0-OpenSSH_${backtrackBait}` },
        { port: 80, service: 'http', httpTitle: backtrackBait, httpServer: backtrackBait },
        { port: 9100, service: 'exporter', exporter: { name: backtrackBait, version: backtrackBait } },
      ],
    };
    const { value: result, ms } = timed(() => {
      const classification = classify(facts);
      return { classification, suggestions: suggestExporters(facts, classification) };
    });
    expect(ms).toBeLessThan(500);
    // The banner is still OpenSSH without a distribution tag; SSH rules out the switch.
    expect(result.classification.kind).toBe('linux-server');
    for (const line of result.classification.evidence) expect(line.length).toBeLessThanOrEqual(240);
    for (const suggestion of result.suggestions) expect(suggestion.reason.length).toBeLessThan(600);
  });

  it('reads sysDescr with patterns that stay linear on 1 KB of "a"s and parentheses', () => {
    for (const text of [
      '((((((((a',
      'a'.repeat(5000),
      `${'LaserJet '.repeat(500)}`,
      `${'-'.repeat(5000)}switch`,
    ]) {
      const { ms } = timed(() =>
        classify({ address: 'x', liveness: 'snmp', services: [], snmp: snmp({ sysDescr: text }) }),
      );
      expect(ms).toBeLessThan(200);
    }
  });

  it('keeps control characters and direction overrides out of evidence and reasons', () => {
    const forged = 'pve\n(also) fake line\u001b[31m\u202e - Proxmox Virtual Environment';
    const facts: HostFacts = {
      address: '10.0.0.3',
      liveness: 'icmp',
      services: [{ port: 8006, service: 'https', httpTitle: forged }],
    };
    const result = classify(facts);
    expect(result.kind).toBe('hypervisor');
    const shown = [
      ...result.evidence,
      ...suggestExporters(facts, result).map((suggestion) => suggestion.reason),
    ];
    for (const line of shown) {
      for (const unsafe of ['\n', '\r', '\u001b', '\u202e']) expect(line).not.toContain(unsafe);
    }
    expect(result.evidence).toHaveLength(1);
  });

  it('takes no object-prototype name for an exporter or a database', () => {
    const facts: HostFacts = {
      address: '10.0.0.5',
      liveness: 'icmp',
      services: ['constructor', '__proto__', 'toString', 'hasOwnProperty'].map((name, index) => ({
        port: 9000 + index,
        service: 'exporter',
        exporter: { name },
      })),
    };
    const suggestions = suggestExporters(facts, classify(facts));
    expect(suggestions.map((suggestion) => suggestion.exporter)).toEqual(['blackbox_icmp']);
  });

  it('looks at no more than 256 services, and stays quick with 20,000', () => {
    const services: Service[] = Array.from({ length: 20_000 }, (_, index) => ({
      port: 10_000 + index,
      service: 'http',
      httpTitle: 'x'.repeat(2000),
    }));
    const facts: HostFacts = { address: '10.0.0.4', liveness: 'icmp', services };
    const { value, ms } = timed(() => {
      const classification = classify(facts);
      return suggestExporters(facts, classification);
    });
    expect(ms).toBeLessThan(1000);
    expect(value.filter((suggestion) => suggestion.exporter === 'blackbox_http')).toHaveLength(256);
  });

  it('takes an OID with a leading dot or "iso." the same as a plain one', () => {
    const base: Omit<HostFacts, 'snmp'> = { address: 'x', liveness: 'snmp', services: [] };
    const plain = classify({ ...base, snmp: snmp({ sysObjectID: '1.3.6.1.4.1.6574.1' }) });
    expect(classify({ ...base, snmp: snmp({ sysObjectID: '.1.3.6.1.4.1.6574.1' }) }).kind).toBe(plain.kind);
    expect(classify({ ...base, snmp: snmp({ sysObjectID: 'iso.3.6.1.4.1.6574.1' }) }).kind).toBe('nas');
    expect(classify({ ...base, snmp: snmp({ sysObjectID: '1.3.6.1.4.1.65740' }) }).kind).toBe('unknown');
  });
});

describe('displayText', () => {
  it('marks a cut with an ellipsis, also when the cut falls on a space', () => {
    expect(displayText('Linux DiskStation 4.4.302+ #72806 SMP', 18)).toBe('Linux DiskStation…');
    expect(displayText('short', 18)).toBe('short');
  });

  it('never splits a character made of two UTF-16 units', () => {
    const shown = displayText('🙂'.repeat(100), 10);
    expect(Array.from(shown)).toHaveLength(10);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
