// The line driver: bytes in (whole or in chunks split anywhere), UTF-8 checked by a
// fatal streaming decoder, lines handed to the format's parser with their numbers, and
// the limits enforced as soon as they are crossed so a huge body stops early.
import { isUtf8 } from 'node:buffer';
import { PromsteadError } from '@shared/contract';
import type { ParseOptions, ParsedExposition } from './exposition-types';
import { LineError, columnAt, parseError } from './line-error';
import type { LineSink } from './line-sink';
import { OpenMetricsParser } from './openmetrics-parser';
import { TextFormatParser } from './text-format-parser';
import { cutOffAt, firstInvalidUtf8, unfinishedTailLength } from './utf8-check';

function sinkFor(options: ParseOptions): LineSink {
  return options.format === 'openmetrics' ? new OpenMetricsParser() : new TextFormatParser();
}

/** Bytes decoded at a time: small enough that the string is not a large object. */
const pieceBytes = 32 * 1024;

/** Where the piece from `start` ends: after its last newline, else at a character boundary. */
function pieceEnd(bytes: Buffer, start: number): number {
  const limit = start + pieceBytes;
  if (limit >= bytes.length) return bytes.length;
  // Searched within the piece only, so a line longer than many pieces is not searched again each time.
  const newline = bytes.subarray(start, limit).lastIndexOf(10);
  if (newline >= 0) return start + newline + 1;
  let cut = limit;
  // 10xxxxxx continues a character; the chunk is valid UTF-8, so a lead byte is at most 3 back.
  while ((bytes[cut] ?? 0) >= 0x80 && (bytes[cut] ?? 0) < 0xc0) cut--;
  return cut;
}

export class LineDriver {
  private readonly sink: LineSink;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  /** Pieces of a line not yet ended by \n, kept apart so a long line costs no repeated copying. */
  private pending: string[] = [];
  /** Bytes of a character the previous chunks began but did not finish (the decoder holds them). */
  private carry: Uint8Array = new Uint8Array(0);
  private lineNumber = 0;
  private bytes = 0;
  private done = false;

  constructor(private readonly options: ParseOptions) {
    this.sink = sinkFor(options);
  }

  pushBytes(chunk: Uint8Array, final: boolean): void {
    this.checkOpen();
    this.bytes += chunk.length;
    if (this.options.maxBytes !== undefined && this.bytes > this.options.maxBytes)
      this.fail(
        new PromsteadError(
          'TOO_LARGE',
          `The exposition is larger than the limit of ${this.options.maxBytes} bytes.`,
          {
            limit: this.options.maxBytes,
          },
        ),
      );
    // A chunk that is whole UTF-8 by itself (no character left over from the previous one) is
    // checked by Node's SIMD routine, which follows the same strict rules as the decoder, then
    // decoded in pieces: strings this small live in the young generation, where making and
    // reading them is many times faster than one string of the whole body.
    if (this.carry.length === 0 && isUtf8(chunk)) {
      const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
      let offset = 0;
      do {
        const cut = pieceEnd(bytes, offset);
        this.feed(bytes.toString('utf8', offset, cut), final && cut === bytes.length);
        offset = cut;
      } while (offset < bytes.length);
      return;
    }
    this.feed(this.decode(chunk, final), final);
  }

  /** The chunk as text through the streaming decoder, for a chunk that ends or begins inside a character or holds invalid bytes. */
  private decode(chunk: Uint8Array, final: boolean): string {
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: !final });
    } catch {
      const { error, valid } = this.utf8Error(chunk);
      // Lines wholly before the bad byte are read first: an error in one of them comes
      // earlier in the text, and is the one reported, however the body was chunked.
      const lastNewline = valid.lastIndexOf('\n');
      if (lastNewline >= 0) this.feed(valid.slice(0, lastNewline + 1), false);
      this.fail(error);
    }
    if (!final) this.carry = this.unfinished(chunk);
    return text;
  }

  pushText(text: string): void {
    this.checkOpen();
    this.bytes = Buffer.byteLength(text, 'utf8');
    if (this.options.maxBytes !== undefined && this.bytes > this.options.maxBytes)
      this.fail(
        new PromsteadError(
          'TOO_LARGE',
          `The exposition is larger than the limit of ${this.options.maxBytes} bytes.`,
        ),
      );
    this.feed(text, true);
  }

  finishLines(): ParsedExposition {
    try {
      const families = this.sink.finish();
      this.done = true;
      return { format: this.options.format, families, seriesCount: this.sink.seriesCount, bytes: this.bytes };
    } catch (error) {
      if (error instanceof LineError) this.fail(parseError(this.lineNumber, 1, error.message));
      throw error;
    }
  }

  private unfinished(chunk: Uint8Array): Uint8Array {
    const joined =
      chunk.length >= 3 || this.carry.length === 0 ? chunk : Uint8Array.from([...this.carry, ...chunk]);
    const length = unfinishedTailLength(joined);
    return length === 0 ? new Uint8Array(0) : joined.slice(joined.length - length);
  }

  private checkOpen(): void {
    if (this.done)
      throw new PromsteadError('INTERNAL', 'The exposition parser has already finished or failed.');
  }

  private fail(error: PromsteadError): never {
    this.done = true;
    this.pending = [];
    throw error;
  }

  private feed(text: string, final: boolean): void {
    let lineStart = 0;
    let newline = text.indexOf('\n');
    if (newline >= 0 && this.pending.length > 0) {
      this.pending.push(text.slice(0, newline));
      const joined = this.pending.join('');
      this.pending = [];
      this.readLine(joined, 0, joined.length);
      lineStart = newline + 1;
      newline = text.indexOf('\n', lineStart);
    }
    while (newline >= 0) {
      this.readLine(text, lineStart, newline);
      lineStart = newline + 1;
      newline = text.indexOf('\n', lineStart);
    }
    if (lineStart < text.length) this.pending.push(lineStart === 0 ? text : text.slice(lineStart));
    if (final && this.pending.length > 0) {
      const joined = this.pending.join('');
      this.pending = [];
      this.readLine(joined, 0, joined.length);
    }
  }

  private readLine(text: string, start: number, end: number): void {
    this.lineNumber++;
    try {
      this.sink.line(text, start, end);
    } catch (error) {
      if (error instanceof LineError)
        this.fail(parseError(this.lineNumber, columnAt(text, start, error.position), error.message));
      throw error;
    }
    const maxSeries = this.options.maxSeries;
    if (maxSeries !== undefined && this.sink.seriesCount > maxSeries)
      this.fail(
        new PromsteadError('TOO_LARGE', `The exposition has more than the limit of ${maxSeries} series.`, {
          limit: maxSeries,
          line: this.lineNumber,
        }),
      );
  }

  /**
   * Where the invalid byte is (lines before it counted, its column found in its line), and
   * the text before it.
   */
  private utf8Error(chunk: Uint8Array): { error: PromsteadError; valid: string } {
    const joined = new Uint8Array(this.carry.length + chunk.length);
    joined.set(this.carry, 0);
    joined.set(chunk, this.carry.length);
    const bad = firstInvalidUtf8(joined);
    const valid = new TextDecoder('utf-8').decode(joined.subarray(0, bad));
    let line = this.lineNumber + 1;
    for (let index = valid.indexOf('\n'); index >= 0; index = valid.indexOf('\n', index + 1)) line++;
    const lastNewline = valid.lastIndexOf('\n');
    const lineText = lastNewline >= 0 ? valid.slice(lastNewline + 1) : this.pending.join('') + valid;
    const byte = joined[bad];
    const cutOff = byte === undefined || cutOffAt(joined, bad);
    const shown = cutOff ? 'a sequence cut off at the end' : `byte 0x${byte.toString(16).padStart(2, '0')}`;
    const error = parseError(
      line,
      columnAt(lineText, 0, lineText.length),
      `invalid UTF-8 (${shown}); the exposition must be UTF-8 text`,
    );
    return { error, valid };
  }
}
