// POSIX single-quote quoting for the bash install scripts. Every value that reaches a
// script goes through here, validated or not: quoting is the second line of defence.

/** Quotes one word for a POSIX shell: 'it'\''s' style. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Quotes each word and joins them with spaces into one command line. */
export function shellCommand(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
