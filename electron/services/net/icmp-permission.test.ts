import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkIcmpPermission } from './icmp-permission';

const scratch = mkdtempSync(join(tmpdir(), 'promstead-icmp-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A stand-in for the system ping that prints `output` and exits with `code`. */
function fakePing(name: string, code: number, stdout: string, stderr = ''): string {
  const path = join(scratch, name);
  writeFileSync(
    path,
    `#!${process.execPath}\nprocess.stdout.write(${JSON.stringify(stdout)});process.stderr.write(${JSON.stringify(stderr)});process.exit(${code});\n`,
  );
  chmodSync(path, 0o755);
  return path;
}

const user = { uid: 1000, groups: [1000, 27] };
const base = { signal: new AbortController().signal, platform: 'linux' as const, identity: user };

describe('checkIcmpPermission', () => {
  it('is permitted, with nothing to say, when ping_group_range covers a group', async () => {
    const result = await checkIcmpPermission({
      ...base,
      pingPath: undefined,
      readPingGroupRange: async () => '0\t2147483647\n',
    });
    expect(result).toEqual({ permitted: true });
  });
  it('is permitted for root whatever the range', async () => {
    const result = await checkIcmpPermission({
      ...base,
      identity: { uid: 0, groups: [0] },
      pingPath: undefined,
      readPingGroupRange: async () => '1\t0\n',
    });
    expect(result.permitted).toBe(true);
  });
  it('is permitted when the range excludes us but the system ping works, and says why', async () => {
    const ping = fakePing('ping-ok', 0, '64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.04 ms\n');
    const result = await checkIcmpPermission({
      ...base,
      pingPath: ping,
      readPingGroupRange: async () => '1\t0\n',
    });
    expect(result).toEqual({
      permitted: true,
      restriction: 'ICMP is not permitted for this user (net.ipv4.ping_group_range is 1 0)',
    });
  });
  it('is not permitted when the range excludes us and the system ping may not send either', async () => {
    const ping = fakePing('ping-denied', 2, '', 'ping: socket: Operation not permitted\n');
    const result = await checkIcmpPermission({
      ...base,
      pingPath: ping,
      readPingGroupRange: async () => '1\t0\n',
    });
    expect(result).toEqual({
      permitted: false,
      restriction:
        'ICMP is not permitted for this user (net.ipv4.ping_group_range is 1 0), and the system ping could not send it either',
    });
  });
  it('is not permitted when the ping cannot run, or there is none', async () => {
    const missing = await checkIcmpPermission({
      ...base,
      pingPath: join(scratch, 'absent'),
      readPingGroupRange: async () => '1 0',
    });
    expect(missing.permitted).toBe(false);
    const none = await checkIcmpPermission({
      ...base,
      pingPath: undefined,
      readPingGroupRange: async () => undefined,
    });
    expect(none).toEqual({
      permitted: false,
      restriction: expect.stringMatching(/unreadable.*no system ping$/),
    });
  });
  it('trusts macOS and Windows', async () => {
    expect((await checkIcmpPermission({ ...base, platform: 'darwin', pingPath: undefined })).permitted).toBe(
      true,
    );
    expect((await checkIcmpPermission({ ...base, platform: 'win32', pingPath: undefined })).permitted).toBe(
      true,
    );
  });
});
