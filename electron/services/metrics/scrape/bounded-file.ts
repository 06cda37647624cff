// Reads a small local file a person named (a CA certificate, an exposition to parse)
// without trusting what the path is: a FIFO would block the read forever and /dev/zero
// would never end, so only a regular file under the size cap is read.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { errorText, PromsteadError } from '@shared/contract';

/**
 * The file's bytes. O_NONBLOCK makes opening a FIFO return at once (instead of waiting
 * for a writer); fstat on the opened descriptor then judges what was actually opened.
 */
export async function readBoundedRegularFile(path: string, maxBytes: number, what: string): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new PromsteadError('VALIDATION', `Cannot open the ${what} ${path}: ${errorText(error)}`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile())
      throw new PromsteadError(
        'VALIDATION',
        `The ${what} ${path} is not a regular file (a device, a pipe or a folder): give the path of a file.`,
      );
    if (stat.size > maxBytes)
      throw new PromsteadError(
        'TOO_LARGE',
        `The ${what} ${path} is ${stat.size} bytes; at most ${maxBytes} are read. Is it the right file?`,
      );
    // One byte past the size stat gave: a file that grew since is noticed, and still bounded.
    const buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    for (let reads = 0; length < buffer.length && reads < 100_000; reads++) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > stat.size)
      throw new PromsteadError('CONFLICT', `The ${what} ${path} changed while it was read: try again.`);
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}
