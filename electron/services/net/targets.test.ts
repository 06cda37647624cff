import { describe, expect, it, vi } from 'vitest';
import { PromsteadError } from '@shared/contract';
import { isValidHostname, parseTargetEntry, splitTargets } from './target-entry';
import { parseTargets } from './targets';

const noDns = (): Promise<string[]> => Promise.reject(new Error('no DNS in this test'));

async function refusal(targets: string[], options = {}): Promise<PromsteadError> {
  const error = await parseTargets(targets, { resolve: noDns, ...options }).catch(
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PromsteadError);
  expect((error as PromsteadError).code).toBe('VALIDATION');
  return error as PromsteadError;
}

describe('parseTargets: what it accepts', () => {
  it('skips the network and broadcast addresses of a /24', async () => {
    const { addresses } = await parseTargets(['192.168.1.0/24']);
    expect(addresses).toHaveLength(254);
    expect(addresses[0]).toBe('192.168.1.1');
    expect(addresses.at(-1)).toBe('192.168.1.254');
  });
  it('takes the network of an address typed with its mask', async () => {
    expect((await parseTargets(['192.168.1.77/30'])).addresses).toEqual(['192.168.1.77', '192.168.1.78']);
  });
  it('keeps every address of a /31 and a /32', async () => {
    expect((await parseTargets(['10.0.0.4/31'])).addresses).toEqual(['10.0.0.4', '10.0.0.5']);
    expect((await parseTargets(['10.0.0.9/32'])).addresses).toEqual(['10.0.0.9']);
  });
  it('accepts a /16 (65,534 addresses) but not a /15', async () => {
    expect((await parseTargets(['10.1.0.0/16'])).addresses).toHaveLength(65_534);
    expect((await refusal(['10.0.0.0/15'])).message).toMatch(/"10\.0\.0\.0\/15".*at most a \/16/);
  });
  it('accepts full and last-octet ranges, inclusive', async () => {
    expect((await parseTargets(['10.0.0.1-10.0.0.3'])).addresses).toEqual([
      '10.0.0.1',
      '10.0.0.2',
      '10.0.0.3',
    ]);
    expect((await parseTargets(['10.0.0.250-252'])).addresses).toEqual([
      '10.0.0.250',
      '10.0.0.251',
      '10.0.0.252',
    ]);
    expect((await parseTargets(['10.0.0.255-10.0.1.1'])).addresses).toEqual([
      '10.0.0.255',
      '10.0.1.0',
      '10.0.1.1',
    ]);
    expect((await parseTargets(['10.0.0.7-7'])).addresses).toEqual(['10.0.0.7']);
  });
  it('splits on commas and whitespace, joins "a - b", dedupes and sorts numerically', async () => {
    const { addresses } = await parseTargets(['10.0.0.10, 10.0.0.9\t10.0.0.100', '10.0.0.2 - 3', '10.0.0.9']);
    expect(addresses).toEqual(['10.0.0.2', '10.0.0.3', '10.0.0.9', '10.0.0.10', '10.0.0.100']);
  });
  it('sorts across octets by number, not text', async () => {
    const { addresses } = await parseTargets(['192.168.0.1', '10.0.0.1', '172.16.0.1', '9.9.9.9']);
    expect(addresses).toEqual(['9.9.9.9', '10.0.0.1', '172.16.0.1', '192.168.0.1']);
  });
  it('allows link-local, public addresses and 255 in the last octet of a range', async () => {
    expect((await parseTargets(['169.254.10.20'])).addresses).toEqual(['169.254.10.20']);
    expect((await parseTargets(['203.0.113.5'])).addresses).toEqual(['203.0.113.5']);
    expect((await parseTargets(['10.0.0.254-255'])).addresses).toEqual(['10.0.0.254', '10.0.0.255']);
  });
  it('resolves host names and remembers the name each address came from', async () => {
    const resolve = vi.fn(async (name: string) =>
      name === 'DiskStation' ? ['10.0.0.20'] : ['10.0.0.21', '10.0.0.22'],
    );
    const parsed = await parseTargets(['DiskStation, pi.home.lan.', '10.0.0.20-21'], { resolve });
    expect(parsed.addresses).toEqual(['10.0.0.20', '10.0.0.21', '10.0.0.22']);
    expect(parsed.hostnames).toEqual({
      '10.0.0.20': 'DiskStation',
      '10.0.0.21': 'pi.home.lan',
      '10.0.0.22': 'pi.home.lan',
    });
    expect(resolve).toHaveBeenCalledWith('pi.home.lan');
  });
  it('with allowLarge accepts up to a /12 and nothing larger', async () => {
    expect((await parseTargets(['10.0.0.0/15'], { allowLarge: true })).addresses).toHaveLength(131_070);
    expect((await refusal(['10.0.0.0/11'], { allowLarge: true })).message).toMatch(/at most a \/12/);
    expect((await refusal(['10.0.0.0-10.16.0.0'], { allowLarge: true })).message).toMatch(
      /at most 1,048,576/,
    );
  });
});

describe('parseTargets: what it refuses, naming the entry and why', () => {
  it.each([
    ['256.0.0.1', /"256\.0\.0\.1".*over 255/],
    ['10.0.0.300', /over 255/],
    ['010.0.0.1', /leading zero/],
    ['10.0.0.01', /leading zero/],
    ['10.0.0', /not an IPv4 address/],
    ['10.1', /not an IPv4 address/],
    ['1.2.3.4.5', /not an IPv4 address/],
    ['10.0.0.0/33', /prefix length/],
    ['10.0.0.0/024', /prefix length/],
    ['10.0.0.0/', /prefix length/],
    ['10.0.0.0/24/24', /one address and one prefix length/],
    ['10.0.0.0/-1', /prefix length/],
    ['10.0.0.0/8', /at most a \/16/],
    ['10.0.0.50-10.0.0.1', /reversed/],
    ['10.0.0.50-1', /reversed/],
    ['10.0.0.1-256', /over 255/],
    ['10.0.0.1-050', /leading zero/],
    ['10.0.0.1-', /end is not an IPv4/],
    ['10.0.0.1-10.0.0.5-10.0.0.9', /one start and one end/],
    ['10.0.0.0-10.2.0.0', /131,073 addresses; at most 65,536/],
    ['::1', /IPv6 is not supported yet/],
    ['fe80::1/64', /IPv6 is not supported yet/],
    ['2001:db8::1', /IPv6 is not supported yet/],
    ['10.0.0.1:22', /ports are not part of a target/],
    ['127.0.0.1', /loopback: did you mean your LAN address\?/],
    ['127.0.0.0/16', /loopback/],
    ['126.255.255.250-127.0.0.3', /loopback/],
    ['224.0.0.1', /multicast/],
    ['239.255.255.250', /multicast/],
    ['255.255.255.255', /broadcast/],
    ['240.0.0.1', /reserved/],
    ['0.0.0.0', /this network/],
    ['0.1.2.3', /this network/],
  ])('%s', async (target, why) => {
    expect((await refusal([target])).message).toMatch(why);
  });

  it.each([
    '; rm -rf /',
    '$(reboot)',
    '`id`',
    '-oProxyCommand=touch /tmp/pwned',
    '--help',
    'nas;id',
    'nas&&id',
    'nas|id',
    '../../etc/passwd',
    'a..b',
    '-nas',
    'nas-',
    'nas_box',
    "nas'",
    'nas"',
    'ünïcode.lan',
    '10.0.0.1\u0000',
    '%00',
    'http://10.0.0.1/',
    '*',
    '10.0.0.*',
    `${'a'.repeat(64)}.lan`,
    `${'a.'.repeat(127)}lan`,
    '1.2.3.999',
  ])('refuses the hostile or malformed entry %j before resolving anything', async (target) => {
    const resolve = vi.fn(async () => ['10.0.0.1']);
    const error = await refusal(['10.0.0.1', target], { resolve });
    expect(error.message).toMatch(/^Invalid targets?: /);
    expect(resolve).not.toHaveBeenCalled();
  });

  it('never resolves the words of "; rm -rf /" as host names', async () => {
    const resolve = vi.fn(async () => ['10.0.0.1']);
    const error = await refusal(['; rm -rf /'], { resolve });
    expect(error.message).toContain('";"');
    expect(resolve).not.toHaveBeenCalled();
  });

  it('lists several bad entries at once, five at most', async () => {
    const error = await refusal(['300.1.1.1, 010.0.0.1', 'a b c d e f g'.replace(/ /g, ' ;')]);
    expect(error.message).toMatch(/^Invalid targets: "300\.1\.1\.1": .*"010\.0\.0\.1": /);
    expect(error.message).toMatch(/\(and \d+ more\)\.$/);
  });

  it('refuses a host name that resolves to a refused range, or to nothing', async () => {
    const local = await refusal(['localhost'], { resolve: async () => ['127.0.0.1'] });
    expect(local.message).toMatch(/"localhost": resolves to 127\.0\.0\.1, which is loopback/);
    const multicast = await refusal(['mdns'], { resolve: async () => ['10.0.0.1', '224.0.0.251'] });
    expect(multicast.message).toMatch(/multicast/);
    expect((await refusal(['ghost'], { resolve: async () => [] })).message).toMatch(/no IPv4 address/);
    const missing = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    expect((await refusal(['ghost'], { resolve: () => Promise.reject(missing) })).message).toMatch(
      /ENOTFOUND/,
    );
  });

  it('refuses a resolver answer that is not a strict IPv4 address', async () => {
    const error = await refusal(['weird'], { resolve: async () => ['010.0.0.1'] });
    expect(error.message).toMatch(/resolver answered "010\.0\.0\.1"/);
  });

  it('gives up on a resolver that never answers, and leaves no timer behind', async () => {
    const error = await refusal(['slow'], {
      resolve: () => new Promise<string[]>(() => undefined),
      resolveTimeoutMs: 20,
    });
    expect(error.message).toMatch(/no answer in 0\.02 s/);
  });

  it('refuses nothing at all, and too many addresses in total', async () => {
    expect((await refusal([' , \t'])).message).toMatch(/No targets/);
    expect((await refusal([])).message).toMatch(/No targets/);
    const error = await refusal(['10.0.0.0/16', '10.1.0.0/16']);
    expect(error.message).toMatch(/131,068 addresses in all; at most 65,536/);
  });

  it('refuses thousands of entries without parsing each', async () => {
    const many = Array.from({ length: 2000 }, (_, index) => `10.0.${index >> 8}.${index & 255}`).join(',');
    expect((await refusal([many])).message).toMatch(/2000 target entries; at most 1024/);
  });

  it('quotes a hostile entry without its control characters, and cut short', async () => {
    const error = await refusal([`evil\u001b[31m${'x'.repeat(300)}`]);
    expect(error.message).not.toContain('\u001b');
    expect(error.message.length).toBeLessThan(200);
  });
});

describe('target grammar', () => {
  it('splits only on whitespace and commas', () => {
    expect(splitTargets(['a,b  c\nd', ' e '])).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(splitTargets(['nas;id'])).toEqual(['nas;id']);
  });
  it('knows RFC 1123 host names', () => {
    for (const name of [
      'nas',
      'NAS-01',
      'pi.home.lan',
      'pi.home.lan.',
      '3com.example',
      'xn--bcher-kva.example',
    ]) {
      expect(isValidHostname(name), name).toBe(true);
    }
    for (const name of ['', '.', '-x', 'x-', 'a_b', 'a..b', '1.2.3.4', 'host.123', `${'a'.repeat(64)}`]) {
      expect(isValidHostname(name), name).toBe(false);
    }
  });
  it('reports a CIDR, a range and a host name as entries', () => {
    expect(parseTargetEntry('10.0.0.0/30')).toEqual({
      entry: { kind: 'range', text: '10.0.0.0/30', first: 0x0a000001, last: 0x0a000002 },
    });
    expect(parseTargetEntry('nas.lan')).toEqual({
      entry: { kind: 'hostname', text: 'nas.lan', hostname: 'nas.lan' },
    });
  });
});
