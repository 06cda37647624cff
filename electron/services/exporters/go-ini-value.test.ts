import { describe, expect, it } from 'vitest';
import { goIniValue, type GoIniValue } from './go-ini-value';

/**
 * gopkg.in/ini.v1's readValue (parser.go) for one `password=<text>\n` line, with the
 * options mysqld_exporter sets (Loose, AllowBooleanKeys: no unescaping, inline comments
 * on), then Key.String()'s mapping. A model for the round trip below; the real parser is
 * exercised by test/integration/exporter-mysqld-my-cnf.test.ts.
 */
function readAsGoIni(text: string, env: Record<string, string> | undefined): string {
  const line = `${text}\n`.replace(/^[\t\n\v\f\r \u0085\u00a0]+/, '');
  const quote = line.length > 3 && line.startsWith('"""') ? '"""' : line.startsWith('`') ? '`' : '';
  let value: string;
  if (quote) {
    const end = line.slice(quote.length).lastIndexOf(quote);
    if (end === -1) throw new Error('the model does not follow multi-line values');
    value = line.slice(quote.length, quote.length + end);
  } else {
    value = line.trim();
    if (value.endsWith('\\')) throw new Error('a continuation line');
    const comment = value.search(/[#;]/);
    if (comment > -1) value = value.slice(0, comment).trim();
    const surrounded = (q: string): boolean =>
      value.length >= 2 &&
      value.startsWith(q) &&
      value.endsWith(q) &&
      value.indexOf(q, 1) === value.length - 1;
    if (surrounded('"') || surrounded("'")) value = value.slice(1, -1);
  }
  if (env)
    value = value.replace(
      /\$(\{[^}]*\}|[A-Za-z0-9_]+)/g,
      (_m, name: string) => env[name.replace(/[{}]/g, '')] ?? '',
    );
  return value.replace(/%\(([^)]+)\)s/g, (_m, name: string) =>
    name === 'user' ? 'exporter' : `%(${name})s`,
  );
}

function text(result: GoIniValue): string {
  if ('refused' in result) throw new Error(`refused: ${result.refused}`);
  return result.text;
}

const hostile = [
  'hunter2',
  'hash#tag',
  'semi;colon',
  ' #;"a b`c"',
  '"quoted"',
  "'single'",
  "it's",
  'two words  here',
  ' leading',
  'trailing ',
  '\ttab',
  'nbsp\u00a0',
  '\u0085next-line',
  'ends with \\',
  '`starts',
  'ends`',
  'a`b`c',
  '"""',
  '"""x',
  'x"',
  '"',
  '`',
  'p@ss/w:rd&=%',
  'ünï©ødé 🔑',
  '',
];

describe('goIniValue: what mysqld_exporter reads back is the password', () => {
  it.each(hostile)('round-trips %j through the parser model (0.14, no env expansion)', (password) => {
    expect(readAsGoIni(text(goIniValue(password, { expandsEnv: false })), undefined)).toBe(password);
  });

  it.each(hostile)('round-trips %j where values are expanded from the environment (0.15+)', (password) => {
    expect(readAsGoIni(text(goIniValue(password, { expandsEnv: true })), { HOME: '/root' })).toBe(password);
  });

  it('writes plain when safe, backticks for # ; " and edge spaces, """ for a backtick', () => {
    expect(goIniValue('hunter2', { expandsEnv: true })).toEqual({ text: 'hunter2' });
    expect(goIniValue('pa$s', { expandsEnv: false })).toEqual({ text: 'pa$s' });
    expect(goIniValue('a#b', { expandsEnv: true })).toEqual({ text: '`a#b`' });
    expect(goIniValue('a;b', { expandsEnv: true })).toEqual({ text: '`a;b`' });
    expect(goIniValue('a"b', { expandsEnv: true })).toEqual({ text: '`a"b`' });
    expect(goIniValue(' a ', { expandsEnv: true })).toEqual({ text: '` a `' });
    expect(goIniValue('a`b"', { expandsEnv: true })).toEqual({ text: '"""a`b""""' });
  });

  it('the former double quotes lose everything from a # on, which is why they went', () => {
    expect(readAsGoIni('"hash#tag"', undefined)).toBe('"hash');
  });

  it.each([
    ['a line break', 'a\nhost=evil', false],
    ['a carriage return', 'a\rb', false],
    ['NUL', 'a\0b', false],
    ['a backtick with """', 'a"""b`c', false],
    ['a key reference', 'x%(user)sy', false],
    ['a ?', 'pa?ss', false],
    ['$ where the environment is expanded', 'pa$HOME', true],
    ['${…} where the environment is expanded', 'pa${X}', true],
    ['a lone $ where the environment is expanded', 'pa$', true],
  ])('refuses %s, without echoing the value', (_what, password, expandsEnv) => {
    const result = goIniValue(password, { expandsEnv });
    expect('refused' in result).toBe(true);
    expect(JSON.stringify(result)).not.toContain(JSON.stringify(password).slice(1, -1));
  });

  it('names the fix for $: another password, or 0.14', () => {
    const result = goIniValue('pa$HOME', { expandsEnv: true });
    expect('refused' in result && result.refused).toMatch(/without \$.*mysqld_exporter 0\.14/);
  });
});
