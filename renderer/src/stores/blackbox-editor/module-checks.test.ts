import { describe, expect, it } from 'vitest';
import {
  isHostPort,
  isProbeHost,
  isProbeUrl,
  parseStatusCodes,
  patternsProblem,
  splitLines,
  targetsProblem,
} from './module-checks';

describe('blackbox target validators', () => {
  it.each(['https://nas.lan/', 'http://192.168.1.10:8080/health', 'https://[fd00::1]/'])(
    'takes the URL %s',
    (url) => expect(isProbeUrl(url)).toBe(true),
  );

  it.each([
    'not a url',
    'ftp://nas.lan/',
    'https://user:pass@nas.lan/',
    'https://nas.lan/\nmodules:',
    'https://nas.lan/\u0000',
    'javascript:alert(1)',
    `https://nas.lan/${'a'.repeat(2048)}`,
  ])('refuses the URL %j', (url) => expect(isProbeUrl(url)).toBe(false));

  it.each(['nas.lan:22', '[fd00::1]:443', '192.168.1.1:65535'])('takes host:port %s', (value) =>
    expect(isHostPort(value)).toBe(true),
  );

  it.each(['nas.lan', 'nas.lan:0', 'nas.lan:70000', 'fd00::1:443', '[nas.lan]:22', '$(id):22', ':22'])(
    'refuses host:port %j',
    (value) => expect(isHostPort(value)).toBe(false),
  );

  it.each(['192.168.1.1', 'router.lan', 'fd00::1', 'a.b.c.'])('takes the host %s', (value) =>
    expect(isProbeHost(value)).toBe(true),
  );

  it.each(['$(id)', 'host;rm -rf /', '-x', 'a b', '', `${'a'.repeat(64)}.lan`])(
    'refuses the host %j',
    (value) => expect(isProbeHost(value)).toBe(false),
  );
});

describe('targetsProblem', () => {
  it('checks every line by what the preset probes, ignoring blank lines', () => {
    expect(targetsProblem('icmp', '192.168.1.1\n\n  router.lan  \n')).toBeUndefined();
    expect(targetsProblem('dns', '1.1.1.1\n192.168.1.1:53')).toBeUndefined();
    expect(targetsProblem('tcp_connect', 'nas.lan:22')).toBeUndefined();
    expect(targetsProblem('http_2xx', 'https://nas.lan/\nnot a url')).toBe(
      '"not a url" is not an http:// or https:// URL without credentials.',
    );
    expect(targetsProblem('tcp_connect', 'nas.lan')).toContain('host:port');
    expect(targetsProblem('icmp', '  \n')).toBe('Add at least one target.');
    expect(targetsProblem('icmp', Array.from({ length: 257 }, (_, i) => `h${i}.lan`).join('\n'))).toContain(
      '256',
    );
  });

  it('splits one per line', () => {
    expect(splitLines(' a \n\nb\r\n')).toEqual(['a', 'b']);
  });
});

describe('status codes and patterns', () => {
  it('reads status codes separated by commas or spaces', () => {
    expect(parseStatusCodes('200, 204 301')).toEqual([200, 204, 301]);
    expect(parseStatusCodes('')).toEqual([]);
    expect(parseStatusCodes('99')).toBeUndefined();
    expect(parseStatusCodes('600')).toBeUndefined();
    expect(parseStatusCodes('2xx')).toBeUndefined();
    expect(parseStatusCodes('200.5')).toBeUndefined();
    expect(parseStatusCodes(Array.from({ length: 33 }, () => '200').join(','))).toBeUndefined();
  });

  it('refuses patterns that are not printable ASCII or too many', () => {
    expect(patternsProblem('status.*ok\n"up"')).toBeUndefined();
    expect(patternsProblem('caf\u00e9')).toBeDefined();
    expect(patternsProblem('a\tb')).toBeDefined();
    expect(patternsProblem(Array.from({ length: 17 }, () => 'x').join('\n'))).toBeDefined();
  });
});
