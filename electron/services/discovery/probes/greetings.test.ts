import { describe, expect, it } from 'vitest';
import { isPostgresSslAnswer, isRedisAnswer, parseMysqlGreeting } from './database-greeting';
import { dockerBannerFromVersion } from './docker-probe';
import { parseSshBanner } from './ssh-banner';

/** A handshake packet: 3-byte length, sequence 0, protocol 10, version, NUL, then filler. */
function mysqlGreeting(version: string): Buffer {
  const payload = Buffer.concat([
    Buffer.from([0x0a]),
    Buffer.from(version, 'latin1'),
    Buffer.from([0]),
    Buffer.alloc(40, 1),
  ]);
  const header = Buffer.alloc(4);
  header.writeUIntLE(payload.length, 0, 3);
  return Buffer.concat([header, payload]);
}

describe('parseSshBanner', () => {
  it('reads the identification line, after any preamble', () => {
    expect(parseSshBanner(Buffer.from('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n'))).toBe(
      'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3',
    );
    expect(parseSshBanner(Buffer.from('Welcome\r\nSSH-2.0-dropbear_2022.83\n'))).toBe(
      'SSH-2.0-dropbear_2022.83',
    );
  });

  it('waits for a whole line and refuses what is not SSH', () => {
    expect(parseSshBanner(Buffer.from('SSH-2.0-OpenSSH'))).toBeUndefined();
    expect(parseSshBanner(Buffer.from('HTTP/1.1 400 Bad Request\r\n'))).toBeUndefined();
    expect(parseSshBanner(Buffer.from(`SSH-2.0-${'x'.repeat(1000)}\u0007\n`))?.length).toBe(255);
  });
});

describe('parseMysqlGreeting', () => {
  it('takes MariaDB’s version without its compatibility prefix', () => {
    expect(parseMysqlGreeting(mysqlGreeting('5.5.5-10.11.18-MariaDB-0+deb12u1'))).toEqual({
      version: '10.11.18-MariaDB-0+deb12u1',
    });
    expect(parseMysqlGreeting(mysqlGreeting('8.0.36'))).toEqual({ version: '8.0.36' });
    expect(parseMysqlGreeting(mysqlGreeting('5.5.5-log'))).toEqual({ version: '5.5.5-log' });
  });

  it('accepts an error packet as MySQL, and nothing else', () => {
    const message = Buffer.from("Host '10.0.0.9' is not allowed to connect", 'latin1');
    const payload = Buffer.concat([Buffer.from([0xff, 0x6a, 0x04]), message]);
    const header = Buffer.alloc(4);
    header.writeUIntLE(payload.length, 0, 3);
    expect(parseMysqlGreeting(Buffer.concat([header, payload]))).toEqual({});
    expect(parseMysqlGreeting(mysqlGreeting('8.0.36').subarray(0, 20))).toBeUndefined();
    expect(parseMysqlGreeting(Buffer.from('SSH-2.0-OpenSSH_9.2p1\r\n'))).toBeUndefined();
    expect(parseMysqlGreeting(mysqlGreeting('not a version'))).toBeUndefined();
    expect(parseMysqlGreeting(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('Postgres and Redis answers', () => {
  it('takes one S or N byte as Postgres', () => {
    expect(isPostgresSslAnswer(Buffer.from('N'))).toBe(true);
    expect(isPostgresSslAnswer(Buffer.from('S'))).toBe(true);
    expect(isPostgresSslAnswer(Buffer.from('SSH-2.0-x\r\n'))).toBe(false);
    expect(isPostgresSslAnswer(Buffer.alloc(0))).toBe(false);
  });

  it('takes PONG, NOAUTH and DENIED as Redis', () => {
    expect(isRedisAnswer(Buffer.from('+PONG\r\n'))).toBe(true);
    expect(isRedisAnswer(Buffer.from('-NOAUTH Authentication required.\r\n'))).toBe(true);
    expect(isRedisAnswer(Buffer.from('-DENIED Redis is running in protected mode\r\n'))).toBe(true);
    expect(isRedisAnswer(Buffer.from('-ERR unknown command\r\n'))).toBe(false);
    expect(isRedisAnswer(Buffer.from('HTTP/1.1 400 Bad Request\r\n'))).toBe(false);
  });
});

describe('dockerBannerFromVersion', () => {
  it('names an Engine by its version', () => {
    expect(dockerBannerFromVersion('{"Version":"24.0.5","ApiVersion":"1.43","Os":"linux"}')).toBe(
      'Docker 24.0.5',
    );
    expect(dockerBannerFromVersion('{"ApiVersion":"1.43"}')).toBe('Docker');
  });

  it('refuses other JSON and other text', () => {
    expect(dockerBannerFromVersion('{"version":"1.0"}')).toBeUndefined();
    expect(dockerBannerFromVersion('[1,2]')).toBeUndefined();
    expect(dockerBannerFromVersion('null')).toBeUndefined();
    expect(dockerBannerFromVersion('<html>')).toBeUndefined();
  });
});
