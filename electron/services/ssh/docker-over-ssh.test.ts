import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { sshFailureOf } from './ssh-errors';
import { asSocketLike, dockerSocketError, socketCheckArgv } from './docker-over-ssh';

const execFileAsync = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'promstead-socket-check-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function checkStatus(path: string): Promise<number> {
  const [program, ...rest] = socketCheckArgv(path);
  try {
    await execFileAsync(program ?? 'sh', rest);
    return 0;
  } catch (error) {
    return (error as { code: number }).code;
  }
}

describe('the socket check', () => {
  it('tells a socket, a missing path and a plain file apart (and takes the path as data)', async () => {
    const socketPath = join(folder, 'docker.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      expect(await checkStatus(socketPath)).toBe(0);
    } finally {
      server.close();
    }
    writeFileSync(join(folder, 'file'), '');
    expect(await checkStatus(join(folder, 'file'))).toBe(4);
    expect(await checkStatus(join(folder, '$(touch pwned); missing'))).toBe(3);
  });
});

describe('dockerSocketError', () => {
  it('names the docker group fix when the user may not open the socket', () => {
    const error = dockerSocketError({ code: 5 }, '/var/run/docker.sock', 'labuser', 'open failed');
    expect(sshFailureOf(error)).toBe('DOCKER_PERMISSION_DENIED');
    expect(error.message).toMatch(/usermod -aG docker labuser/);
    expect(error.message).toMatch(/sudo/);
  });

  it.each([
    [{ code: 3 }, /no Docker socket/],
    [{ code: 4 }, /not a socket/],
    [{ code: 0 }, /AllowStreamLocalForwarding/],
    [undefined, /AllowStreamLocalForwarding/],
  ])('explains check result %j', (check, message) => {
    const error = dockerSocketError(check, '/var/run/docker.sock', 'u', 'open failed');
    expect(sshFailureOf(error)).toBe('DOCKER_UNREACHABLE');
    expect(error.message).toMatch(message);
  });
});

describe('asSocketLike', () => {
  it('adds the socket methods http calls on a stream, returning the stream', () => {
    const stream = asSocketLike(new PassThrough());
    const socket = stream as unknown as Record<string, () => unknown>;
    for (const method of ['setTimeout', 'setKeepAlive', 'setNoDelay', 'ref', 'unref'])
      expect(socket[method]?.()).toBe(stream);
  });
});
