// POSIX single-quote quoting for what a remote shell reads: every command line SSH runs
// and every value in the exporters' install scripts goes through here, validated or not:
// quoting is the second line of defence.

/** Quotes one word for a POSIX shell: 'it'\''s' style. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Quotes each word and joins them with spaces into one command line. */
export function shellCommand(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
