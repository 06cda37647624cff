// Byte-level UTF-8 checks for what the fatal decoder cannot say: where the first invalid
// byte is (for the error message), and how many trailing bytes a chunk leaves unfinished.

/**
 * Length of the well-formed sequence starting at `index`, or 0 when it is not one; -1 when
 * the bytes run out before a sequence that was well-formed so far ends.
 */
function sequenceLength(bytes: Uint8Array, index: number): number {
  const lead = bytes[index] ?? 0;
  if (lead < 0x80) return 1;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0;
    if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90;
    if (lead === 0xf4) high = 0x8f;
  } else return 0;
  for (let offset = 1; offset < length; offset++) {
    const byte = bytes[index + offset];
    if (byte === undefined) return -1;
    const min = offset === 1 ? low : 0x80;
    const max = offset === 1 ? high : 0xbf;
    if (byte < min || byte > max) return 0;
  }
  return length;
}

/** Offset of the first byte that does not start a well-formed sequence, or the length when all are fine. */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): number {
  let index = from;
  while (index < bytes.length) {
    const length = sequenceLength(bytes, index);
    if (length <= 0) return index;
    index += length;
  }
  return bytes.length;
}

/** Whether the bytes from `index` to the end begin a character they do not finish. */
export function cutOffAt(bytes: Uint8Array, index: number): boolean {
  return sequenceLength(bytes, index) === -1;
}

/** How many bytes at the end begin a sequence the chunk does not finish (0 to 3). */
export function unfinishedTailLength(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back] ?? 0;
    if (byte < 0x80) return 0;
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return needed > back ? back : 0;
    }
  }
  return 0;
}
