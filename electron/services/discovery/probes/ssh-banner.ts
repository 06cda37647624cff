// An SSH server speaks first: its identification line (RFC 4253 §4.2), e.g.
// "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3", names the implementation and often the OS.
import type { Socket } from 'node:net';
import { printableText } from './printable-text';
import { readFromSocket } from './socket-io';

/** The RFC lets a server send other lines first; a real one sends few, and short. */
const maxBannerBytes = 8 * 1024;
const maxBannerLength = 255;

/** The first complete line starting with "SSH-", without its line ending. */
export function parseSshBanner(received: Buffer): string | undefined {
  const text = received.toString('latin1');
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end === -1) return undefined;
    const line = text.slice(start, end).replace(/\r$/, '');
    if (line.startsWith('SSH-')) return printableText(line, maxBannerLength);
    start = end + 1;
  }
}

export async function readSshBanner(socket: Socket, timeoutMs: number): Promise<string | undefined> {
  const received = await readFromSocket(socket, {
    timeoutMs,
    maxBytes: maxBannerBytes,
    complete: (data) => parseSshBanner(data) !== undefined,
  });
  return parseSshBanner(received);
}
