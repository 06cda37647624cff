// Strings seen in one parse, looked up by their place in the text so a repeated label name
// or value costs no new string: an open-addressing table of (hash, string) probed with a
// hash computed over the characters in place, compared in place. Only a miss slices.

import { regionEquals } from './char-classes';

/** Longer strings are sliced without interning: rarely repeated, and hashing them costs more. */
const longest = 128;

export class NameTable {
  private hashes = new Int32Array(256);
  private strings: (string | undefined)[] = new Array<string | undefined>(256);
  private count = 0;
  /** The label names of the previous label set, position by position: usually the same. */
  private readonly previous: string[] = [];
  /** Label values likewise. */
  private readonly previousValues: string[] = [];

  /** The string text[start, end), one instance per distinct content. */
  at(text: string, start: number, end: number): string {
    const length = end - start;
    if (length > longest) return text.slice(start, end);
    // FNV-1a over UTF-16 units; never 0, which marks an empty slot.
    let hash = 0x811c9dc5 | 0;
    for (let index = start; index < end; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
    hash = hash | 1;
    const mask = this.hashes.length - 1;
    let slot = hash & mask;
    for (;;) {
      const stored = this.hashes[slot];
      if (stored === 0) break;
      if (stored === hash) {
        const candidate = this.strings[slot];
        if (candidate !== undefined && candidate.length === length && regionEquals(text, start, candidate))
          return candidate;
      }
      slot = (slot + 1) & mask;
    }
    const fresh = text.slice(start, end);
    this.hashes[slot] = hash;
    this.strings[slot] = fresh;
    if (++this.count * 2 > this.hashes.length) this.grow();
    return fresh;
  }

  intern(value: string): string {
    return this.at(value, 0, value.length);
  }

  labelName(text: string, start: number, end: number, position: number): string {
    const previous = this.previous[position];
    if (previous !== undefined && previous.length === end - start && regionEquals(text, start, previous))
      return previous;
    const name = this.at(text, start, end);
    this.previous[position] = name;
    return name;
  }

  labelValue(text: string, start: number, end: number, position: number): string {
    const previous = this.previousValues[position];
    if (previous !== undefined && previous.length === end - start && regionEquals(text, start, previous))
      return previous;
    const value = this.at(text, start, end);
    this.previousValues[position] = value;
    return value;
  }

  private grow(): void {
    const oldHashes = this.hashes;
    const oldStrings = this.strings;
    this.hashes = new Int32Array(oldHashes.length * 2);
    this.strings = new Array<string | undefined>(oldHashes.length * 2);
    const mask = this.hashes.length - 1;
    for (let index = 0; index < oldHashes.length; index++) {
      const hash = oldHashes[index] ?? 0;
      if (hash === 0) continue;
      let slot = hash & mask;
      while (this.hashes[slot] !== 0) slot = (slot + 1) & mask;
      this.hashes[slot] = hash;
      this.strings[slot] = oldStrings[index];
    }
  }
}
