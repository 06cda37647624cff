// Mutations for the exposition fuzzer: each takes the input bytes and a seeded random
// source and returns new bytes. They aim at what a parser trips over: the characters with
// meaning in the formats, broken UTF-8, extreme numbers, structure moved or cut, and long
// runs that would expose anything slower than linear.
export type Random = () => number;

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const encoder = new TextEncoder();

/** Tokens with a meaning somewhere in the two formats, and bytes that are not UTF-8. */
const tokens: Uint8Array[] = [
  ...[
    '{',
    '}',
    '"',
    '\\',
    '\\"',
    '\\n',
    '\\x',
    '#',
    ' # ',
    '\n',
    '\r\n',
    '\r',
    ' ',
    '\t',
    '=',
    ',',
    ',}',
    '{}',
    'NaN',
    'nan',
    '+Inf',
    '-Inf',
    'Inf',
    'inf',
    '+infinity',
    '1e309',
    '-1e-400',
    '-0',
    '0x1p3',
    '1_000',
    '.5',
    '5.',
    'e',
    '1e',
    '+',
    '-',
    '9223372036854775808',
    '1.7976931348623157e308',
    '0.000000001',
    '# EOF',
    '# EOF\n',
    '# TYPE x counter\n',
    '# TYPE x_total counter\n',
    '# HELP x h\n',
    '# UNIT x seconds\n',
    '# TYPE x histogram\n',
    '# TYPE x stateset\n',
    '# TYPE x info\n',
    '# TYPE x gaugehistogram\n',
    '# TYPE x summary\n',
    '# TYPE x unknown\n',
    '# TYPE x untyped\n',
    'le="+Inf"',
    'le="1"',
    'quantile="0.5"',
    '_total',
    '_created',
    '_bucket',
    '_count',
    '_sum',
    '_gcount',
    '_gsum',
    '_info',
    '__name__="x"',
    '{a="b"}',
    '{a="b",a="c"}',
    ' # {trace_id="1"} 1 1',
    ' # {} 1',
    '1 1',
    ' 1.5e3',
    'é',
    '日本',
    '\u2028',
    '\u0000',
  ].map((token) => encoder.encode(token)),
  Uint8Array.of(0xff),
  Uint8Array.of(0xc3),
  Uint8Array.of(0xe2, 0x82),
  Uint8Array.of(0xed, 0xa0, 0x80), // a UTF-16 surrogate, which UTF-8 forbids
  Uint8Array.of(0xf4, 0x90, 0x80, 0x80), // past U+10FFFF
  Uint8Array.of(0xc0, 0xaf), // an overlong '/'
];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function position(random: Random, bytes: Uint8Array): number {
  return Math.floor(random() * (bytes.length + 1));
}

function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

function lineStarts(bytes: Uint8Array): number[] {
  const starts = [0];
  for (let index = 0; index < bytes.length; index++) if (bytes[index] === 10) starts.push(index + 1);
  return starts;
}

type Mutation = (bytes: Uint8Array, random: Random, donor: Uint8Array) => Uint8Array;

const mutations: Mutation[] = [
  // One byte becomes any byte.
  (bytes, random) => {
    if (bytes.length === 0) return bytes;
    const out = bytes.slice();
    out[Math.floor(random() * out.length)] = Math.floor(random() * 256);
    return out;
  },
  // A token goes in somewhere.
  (bytes, random) => splice(bytes, position(random, bytes), 0, pick(random, tokens)),
  // A token replaces a few bytes.
  (bytes, random) => {
    const at = position(random, bytes);
    return splice(bytes, at, Math.min(bytes.length - at, Math.floor(random() * 8)), pick(random, tokens));
  },
  // A stretch is cut out.
  (bytes, random) => {
    const at = position(random, bytes);
    return splice(bytes, at, Math.min(bytes.length - at, Math.floor(random() * 64)), new Uint8Array());
  },
  // A stretch is repeated.
  (bytes, random) => {
    const at = position(random, bytes);
    const stretch = bytes.slice(at, at + Math.floor(random() * 200));
    return splice(bytes, at, 0, stretch);
  },
  // Two lines trade places (breaks grouping, metadata order, EOF position).
  (bytes, random) => {
    const starts = lineStarts(bytes);
    if (starts.length < 3) return bytes;
    const text = new TextDecoder().decode(bytes).split('\n');
    const a = Math.floor(random() * text.length);
    const b = Math.floor(random() * text.length);
    [text[a], text[b]] = [text[b] ?? '', text[a] ?? ''];
    return encoder.encode(text.join('\n'));
  },
  // The input ends early, anywhere (mid-line, mid-escape, mid-UTF-8 sequence).
  (bytes, random) => bytes.subarray(0, position(random, bytes)),
  // A line of another real exposition goes in (mixes formats and families).
  (bytes, random, donor) => {
    const starts = lineStarts(donor);
    const start = pick(random, starts);
    const end = donor.indexOf(10, start);
    const line = donor.subarray(start, end < 0 ? donor.length : end + 1);
    const at = pick(random, lineStarts(bytes));
    return splice(bytes, at, 0, line);
  },
  // A long run: a linear parser takes it in stride, a quadratic one stalls.
  (bytes, random) => {
    const token = pick(random, tokens);
    const count = 500 + Math.floor(random() * 8000);
    const run = new Uint8Array(token.length * count);
    for (let index = 0; index < count; index++) run.set(token, index * token.length);
    return splice(bytes, position(random, bytes), 0, run);
  },
  // A number becomes an extreme one.
  (bytes, random) => {
    for (let tries = 0; tries < 20; tries++) {
      const at = Math.floor(random() * bytes.length);
      const byte = bytes[at] ?? 0;
      if (byte >= 48 && byte <= 57) {
        let end = at;
        while (end < bytes.length && (bytes[end] ?? 0) >= 48 && (bytes[end] ?? 0) <= 57) end++;
        const extreme = pick(random, [
          '1e309',
          '-Inf',
          'NaN',
          '0x10',
          '1_0',
          '00000000000000000001',
          '-0.0',
          '1e-324',
        ]);
        return splice(bytes, at, end - at, encoder.encode(extreme));
      }
    }
    return bytes;
  },
];

/** One to four mutations of a window of lines of a seed. */
export function mutate(seed: Uint8Array, donor: Uint8Array, random: Random): Uint8Array {
  const starts = lineStarts(seed);
  const first = Math.floor(random() * starts.length);
  const lines = 1 + Math.floor(random() * 120);
  const begin = starts[first] ?? 0;
  const end = starts[Math.min(starts.length - 1, first + lines)] ?? seed.length;
  // Now and then the whole seed, so a mutation can meet the headers and `# EOF` too.
  let bytes = random() < 0.1 ? seed : seed.subarray(begin, end > begin ? end : seed.length);
  const rounds = 1 + Math.floor(random() * 4);
  for (let round = 0; round < rounds; round++) bytes = pick(random, mutations)(bytes, random, donor);
  return bytes;
}
