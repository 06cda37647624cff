import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PromsteadError } from '@shared/contract';
import {
  fillSecretTemplate,
  literalContent,
  referencesSecrets,
  secretReference,
  secretTemplate,
  type SecretEncoding,
  type SecretTemplate,
} from './secret-template';

const hostileValues = [
  'plain',
  'n@s: "quoted" #not-a-comment',
  "it's \\ back\\slash",
  'multi\nline\r\nvalue\t',
  '- [list]: {map} & *alias !tag | > % @ `',
  '\u0000\u0007\u001b\u007f\u0085\u009f',
  'line\u2028sep\u2029para\ufeffbom',
  'ünïcødé 🦜 中文',
  '((promstead-secret:other.secret))',
  '   leading and trailing   ',
  '',
];

function thrown(run: () => unknown): PromsteadError {
  try {
    run();
  } catch (error) {
    if (error instanceof PromsteadError) return error;
    throw error;
  }
  throw new Error('did not throw');
}

function file(template: SecretTemplate): SecretTemplate & { path: string } {
  return { path: '/etc/test/file', ...template };
}

describe('secretReference and secretTemplate', () => {
  it('writes a readable reference naming the secret, and lists each id once', () => {
    const template = secretTemplate(
      'my-cnf',
      (secret) => `a=${secret('db.password')}\nb=${secret('db.password')}\nc=${secret('other:id')}\n`,
    );
    expect(template).toEqual({
      content:
        'a=((promstead-secret:db.password))\nb=((promstead-secret:db.password))\nc=((promstead-secret:other:id))\n',
      secretRefs: ['db.password', 'other:id'],
      secretEncoding: 'my-cnf',
    });
  });

  it.each(['', 'a b', 'x))', '((x', '-leading', 'a'.repeat(101), 'id\n'])(
    'refuses the secret id %j',
    (id) => {
      expect(thrown(() => secretReference(id)).code).toBe('VALIDATION');
    },
  );

  it.each([
    '((promstead-secret:db.password))',
    'user((promstead-secret:other))',
    '((promstead-secret:',
    'a ((promstead-secret:db.password)) b',
  ])('refuses a user value that holds the reference syntax: %j', (hostile) => {
    const error = thrown(() =>
      secretTemplate('my-cnf', (secret) => `user=${hostile}\npassword=${secret('db.password')}\n`),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('((promstead-secret:');
    expect(thrown(() => literalContent(`name: ${hostile}\n`)).code).toBe('VALIDATION');
  });

  it('accepts user values with parentheses that are not the syntax', () => {
    expect(literalContent('a: ((not a secret))\nb: (promstead-secret:x)\n').secretRefs).toEqual([]);
  });

  it('keeps a raw secret file to exactly one reference', () => {
    expect(secretTemplate('raw', (secret) => secret('token')).content).toBe('((promstead-secret:token))');
    expect(thrown(() => secretTemplate('raw', (secret) => `${secret('token')}\n`)).code).toBe('VALIDATION');
    expect(thrown(() => secretTemplate('raw', (secret) => secret('a') + secret('b'))).code).toBe(
      'VALIDATION',
    );
  });

  it('keeps a YAML reference a whole value of its own', () => {
    expect(
      secretTemplate('yaml', (secret) => `a:\n  b: ${secret('x')}\n  c:\n    - ${secret('y')}\n`).secretRefs,
    ).toEqual(['x', 'y']);
    expect(thrown(() => secretTemplate('yaml', (secret) => `a: pre-${secret('x')}\n`)).code).toBe(
      'VALIDATION',
    );
    expect(thrown(() => secretTemplate('yaml', (secret) => `a: '${secret('x')}'\n`)).code).toBe('VALIDATION');
  });

  it('refuses a reference in a file that takes no secrets', () => {
    expect(thrown(() => secretTemplate('none', (secret) => secret('x'))).code).toBe('VALIDATION');
  });
});

describe('fillSecretTemplate', () => {
  it.each(hostileValues)('round-trips %j through YAML 1.2 and 1.1 parsers', (value) => {
    const template = secretTemplate(
      'yaml',
      (secret) => `auths:\n  a:\n    community: ${secret('snmp.a')}\n    version: 2\n`,
    );
    const filled = fillSecretTemplate(file(template), () => value);
    for (const version of ['1.1', '1.2'] as const) {
      const parsed = parse(filled, { version }) as { auths: { a: { community: string; version: number } } };
      expect(parsed.auths.a).toEqual({ community: value, version: 2 });
    }
    // Only printable ASCII and printable Unicode reach the file; controls are escaped.
    const unescaped = [...filled].filter((character) => {
      const code = character.codePointAt(0) ?? 0;
      return (
        (code < 0x20 && character !== '\n') ||
        (code >= 0x7f && code <= 0x9f) ||
        [0x2028, 0x2029, 0xfeff].includes(code)
      );
    });
    expect(unescaped).toEqual([]);
  });

  it('does not expand a reference that a secret value holds', () => {
    const template = secretTemplate('raw', (secret) => secret('a'));
    expect(fillSecretTemplate(file(template), () => '((promstead-secret:b))')).toBe('((promstead-secret:b))');
  });

  it('fails NOT_FOUND naming every secret the store lacks', () => {
    const template = secretTemplate(
      'json-string',
      (secret) => `[${secret('one')}, ${secret('two')}, ${secret('three')}]`,
    );
    const error = thrown(() => fillSecretTemplate(file(template), (id) => (id === 'two' ? 'x' : undefined)));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('/etc/test/file');
    expect(error.message).toContain('secret "one"');
    expect(error.message).toContain('secret "three"');
    expect(error.details).toEqual({ missingSecrets: ['one', 'three'] });
  });

  it('fails VALIDATION when the content references a secret it does not declare', () => {
    const tampered = {
      path: '/x',
      content: 'a=((promstead-secret:other))\n',
      secretRefs: [],
      secretEncoding: 'none' as const,
    };
    expect(thrown(() => fillSecretTemplate(tampered, () => 'v')).code).toBe('VALIDATION');
    const declaredElsewhere = {
      ...tampered,
      content: '((promstead-secret:a)) ((promstead-secret:b))',
      secretRefs: ['a'],
      secretEncoding: 'raw' as const,
    };
    expect(thrown(() => fillSecretTemplate(declaredElsewhere, () => 'v')).message).toContain('"b"');
    const malformed = { ...tampered, content: '((promstead-secret:a b))', secretRefs: [] };
    expect(thrown(() => fillSecretTemplate(malformed, () => 'v')).code).toBe('VALIDATION');
  });

  it('returns a file without references unchanged', () => {
    expect(fillSecretTemplate(file(literalContent('a: 1\n')), () => undefined)).toBe('a: 1\n');
  });

  it.each<[SecretEncoding, string, string]>([
    ['raw', 'pa ss\n', 'pa ss\n'],
    ['json-string', 'pa"ss\\', '"pa\\"ss\\\\"'],
    ['my-cnf', 'pa$s1', 'pa$s1'],
    ['my-cnf', 'pa$s#1', '`pa$s#1`'],
    ['my-cnf-expand-env', 'p"a ss;#', '`p"a ss;#`'],
    ['my-cnf-expand-env', 'a`b"', '"""a`b""""'],
    ['systemd-env', 'p"w$x\\`', 'p\\"w\\$x\\\\\\`'],
    ['compose-env', 'p"w$x', 'p"w$x'],
    ['uri-userinfo', "p@ss:/w'rd $x", 'p%40ss%3A%2Fw%27rd%20%24x'],
    ['yaml', 'a: b', 'v: "a: b"'],
  ])('encodes for %s', (encoding, value, expected) => {
    const template = secretTemplate(encoding, (secret) =>
      encoding === 'yaml' ? `v: ${secret('s')}` : secret('s'),
    );
    expect(fillSecretTemplate(file(template), () => value)).toBe(expected);
  });

  it.each<[SecretEncoding, string]>([
    ['my-cnf', 'a"""b`c'],
    ['my-cnf', 'a\nhost=evil'],
    ['my-cnf', 'pa?ss'],
    ['my-cnf-expand-env', 'pa$HOME'],
    ['systemd-env', 'a\nEVIL=1'],
    ['compose-env', "it's"],
    ['compose-env', 'a\0b'],
    ['yaml', 'lone \ud800 surrogate'],
  ])('refuses for %s a value it cannot hold, without echoing the value', (encoding, value) => {
    const template = secretTemplate(
      encoding,
      (secret) => `x${encoding === 'yaml' ? ': ' : '='}${secret('db.password')}`,
    );
    const error = thrown(() => fillSecretTemplate(file(template), () => value));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('secret "db.password"');
    expect(error.message).not.toContain(value);
  });
});

describe('referencesSecrets', () => {
  it('tells files to fill from directories and literal files', () => {
    expect(referencesSecrets({ path: '/a', mode: 0o755, directory: true })).toBe(false);
    expect(referencesSecrets({ path: '/a', mode: 0o644, ...literalContent('x') })).toBe(false);
    expect(
      referencesSecrets({ path: '/a', mode: 0o600, ...secretTemplate('raw', (secret) => secret('s')) }),
    ).toBe(true);
  });
});
