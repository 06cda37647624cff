import { describe, expect, it } from 'vitest';
import { parsePingResult, pingArgs } from './ping-sweep';

describe('ping arguments', () => {
  it('asks for one echo, no name lookup, and the timeout in each system’s own unit', () => {
    expect(pingArgs('linux', '10.0.0.1', 500)).toEqual(['-n', '-c', '1', '-W', '0.500', '10.0.0.1']);
    expect(pingArgs('linux', '10.0.0.1', 2000)).toEqual(['-n', '-c', '1', '-W', '2.000', '10.0.0.1']);
    expect(pingArgs('darwin', '10.0.0.1', 500)).toEqual(['-n', '-c', '1', '-t', '1', '10.0.0.1']);
    expect(pingArgs('darwin', '10.0.0.1', 2500)).toEqual(['-n', '-c', '1', '-t', '3', '10.0.0.1']);
    expect(pingArgs('win32', '10.0.0.1', 500)).toEqual(['-n', '1', '-w', '500', '10.0.0.1']);
  });
  it('keeps the address one argument, last', () => {
    expect(pingArgs('linux', '-oProxyCommand', 500).at(-1)).toBe('-oProxyCommand');
  });
});

describe('ping results', () => {
  it('reads the latency from Linux and macOS replies', () => {
    const linux =
      '64 bytes from 10.203.0.2: icmp_seq=1 ttl=64 time=0.141 ms\n\n1 packets transmitted, 1 received';
    expect(parsePingResult('linux', 0, linux)).toEqual({ alive: true, latencyMs: 0.141 });
    const mac = '64 bytes from 192.168.1.1: icmp_seq=0 ttl=64 time=3.456 ms';
    expect(parsePingResult('darwin', 0, mac)).toEqual({ alive: true, latencyMs: 3.456 });
  });
  it('is not alive without exit 0', () => {
    expect(parsePingResult('linux', 1, '1 packets transmitted, 0 received')).toEqual({ alive: false });
    expect(parsePingResult('linux', 2, 'ping: connect: Network is unreachable')).toEqual({ alive: false });
    expect(parsePingResult('linux', null, '')).toEqual({ alive: false });
  });
  it('on Windows, counts only a reply with a TTL: an unreachable from the router also exits 0', () => {
    expect(parsePingResult('win32', 0, 'Reply from 10.0.0.5: bytes=32 time<1ms TTL=128')).toEqual({
      alive: true,
      latencyMs: 1,
    });
    expect(parsePingResult('win32', 0, 'Reply from 10.0.0.5: bytes=32 time=14ms TTL=64')).toEqual({
      alive: true,
      latencyMs: 14,
    });
    expect(parsePingResult('win32', 0, 'Reply from 10.0.0.1: Destination host unreachable.')).toEqual({
      alive: false,
    });
  });
  it('is alive without a latency when the output has none', () => {
    expect(parsePingResult('linux', 0, '')).toEqual({ alive: true });
  });
});
