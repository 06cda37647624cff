// How a value must be written in a .my.cnf so that mysqld_exporter reads it back unchanged.
// The exporter parses the file with gopkg.in/ini.v1, not MariaDB's option parser, and the
// two disagree: only the Go parser counts (proven with the real binary in
// test/integration/exporter-mysqld-my-cnf.test.ts).

/**
 * What gopkg.in/ini.v1's readValue does with the text after `key=` (parser.go):
 * - it trims leading space, then a value starting with `"""` or a backtick runs to the
 *   LAST `"""` or backtick on the line and is taken literally: no comment, no unescaping;
 * - otherwise it trims the value, reads on to the next line after a trailing `\`, cuts it
 *   at the first `#` or `;` (mysqld_exporter issue #376; fixed upstream only in 0.18,
 *   PR #937) and only then strips one pair of surrounding `"…"` or `'…'`.
 * Key.String() then maps the value: with `cfg.ValueMapper = os.ExpandEnv` (mysqld_exporter
 * 0.15 and later, config/config.go) `$NAME` and `${NAME}` become the environment's value
 * and there is no escape (PR #1005); and `%(name)s` becomes the value of key `name`.
 */
const needsQuotes = /[#;"'`\\]/;
/** Go's unicode.IsSpace, which strings.TrimSpace uses; JavaScript's \s differs (U+0085, U+FEFF). */
const goSpace = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const edgeSpace = new RegExp(`^${goSpace}|${goSpace}$`);
const recursiveValue = /%\([^)]+\)s/;

export type GoIniValue = { text: string } | { refused: string };

/**
 * The text to write after `password=` so that mysqld_exporter reads `value`: plain when
 * nothing in it means anything to the parser, in backticks when it holds # ; " ' \ or
 * spaces at an end, in """…""" when it holds a backtick. Refuses what cannot be written
 * (a line break, a backtick together with """), what the exporter would change after
 * reading ($ where it expands the environment, %(name)s), and ? (see below). The reason
 * never includes the value.
 */
export function goIniValue(value: string, options: { expandsEnv: boolean }): GoIniValue {
  if (/[\r\n\0]/.test(value)) {
    return { refused: 'contains a line break or NUL, which a .my.cnf value cannot hold' };
  }
  if (options.expandsEnv && value.includes('$')) {
    return {
      refused:
        'contains $, which mysqld_exporter 0.15 and later replace from the environment when reading .my.cnf ' +
        '(there is no escape): pick a password without $, or target mysqld_exporter 0.14, which reads $ as it is',
    };
  }
  if (recursiveValue.test(value)) {
    return {
      refused:
        "contains %(…)s, which mysqld_exporter's .my.cnf parser replaces by another key's value: pick a password without it",
    };
  }
  if (value.includes('?')) {
    // The exporter appends its DSN parameters after "?" when the DSN has none yet; a "?" in
    // the password makes it append "&lock_wait_timeout=…" as the database name instead
    // (issues #303, #761): "Unknown database '&lock_wait_timeout=2'".
    return {
      refused:
        'contains ?, which breaks the connection string mysqld_exporter builds from .my.cnf: pick a password without ?',
    };
  }
  if (!needsQuotes.test(value) && !edgeSpace.test(value)) return { text: value };
  if (!value.includes('`')) return { text: `\`${value}\`` };
  if (!value.includes('"""')) return { text: `"""${value}"""` };
  return {
    refused: 'contains both a backtick and """, which no .my.cnf quoting can hold: pick another password',
  };
}
