// The one way a secret gets into a file: renderers write a reference
// ((promstead-secret:<id>)) where the value goes, and the deploy step calls
// fillSecretTemplate at apply time with values from the SecretStore, so a value never
// sits in a plan, an artefact preview or a log. How a value is written depends on the
// kind of file, so every file with content states its SecretEncoding.
import { PromsteadError, SecretIdSchema } from '@shared/contract';
import type { ConfigFile } from './catalog-types';
import { goIniValue } from './go-ini-value';

/** The SecretStore id of a secret a param names; these are the characters a reference can carry. */

/** What no user value may contain: user input must never be able to name a secret. */
export const secretReferenceOpener = '((promstead-secret:';
const secretReferencePattern = /\(\(promstead-secret:([A-Za-z0-9][A-Za-z0-9_.:-]{0,99})\)\)/g;

/**
 * How a secret value is written into each kind of file:
 * - none: the file takes no secrets.
 * - raw: the whole file is the value, byte for byte (a password or token file).
 * - yaml: the reference is a whole plain scalar; the value becomes a double-quoted scalar
 *   with every non-printable character escaped (snmp.yml).
 * - my-cnf: a .my.cnf value that mysqld_exporter's parser (gopkg.in/ini.v1) reads back
 *   unchanged, for versions that take `$` literally (0.14 and earlier); see goIniValue.
 * - my-cnf-expand-env: the same for versions that pass values through os.ExpandEnv (0.15
 *   and later), which have no escape for `$` and so refuse it.
 * - systemd-env: escaped for the inside of a double-quoted EnvironmentFile value.
 * - compose-env: the inside of a single-quoted env_file value, which compose takes
 *   literally (the template supplies the quotes), so ' is refused.
 * - json-string: a JSON string literal (redis_exporter's password map).
 * - uri-userinfo: every byte but unreserved ones percent-encoded, safe unquoted in a URI
 *   and in any env file (MONGODB_URI).
 */
export const secretEncodings = [
  'none',
  'raw',
  'yaml',
  'my-cnf',
  'my-cnf-expand-env',
  'systemd-env',
  'compose-env',
  'json-string',
  'uri-userinfo',
] as const;
export type SecretEncoding = (typeof secretEncodings)[number];

const myCnfHint =
  'write the value as it is, in `backticks` if it holds # ; " \' \\ or spaces at either end, in """triple quotes""" if it holds a backtick';

/** For a person filling a file by hand: what to put in place of each reference. */
export const secretEncodingHints: Record<SecretEncoding, string> = {
  none: 'this file takes no secrets',
  raw: 'the file is the secret value itself, with no trailing newline',
  yaml: 'write the value as a double-quoted YAML string, "like \\"this\\""',
  'my-cnf': `${myCnfHint}; it cannot hold ? or %(name)s`,
  'my-cnf-expand-env': `${myCnfHint}; it cannot hold $, ? or %(name)s`,
  'systemd-env': 'write the value with \\ before each " \\ ` and $',
  'compose-env': "write the value as it is; it cannot hold '",
  'json-string': 'write the value as a JSON string, "like \\"this\\""',
  'uri-userinfo': 'write the value percent-encoded, as encodeURIComponent does',
};

/** A file's content with the secrets it references still unresolved. */
export interface SecretTemplate {
  /** Text with a reference where each secret goes; safe to show, save and log. */
  content: string;
  /** Every secret id the content references, each once, in order of first use. */
  secretRefs: string[];
  secretEncoding: SecretEncoding;
}

/** The value of a secret by its id, or undefined when the SecretStore has none. */
export type SecretLookup = (secretId: string) => string | undefined;

/** The text a renderer writes where a secret goes. */
export function secretReference(secretId: string): string {
  if (!SecretIdSchema.safeParse(secretId).success) {
    throw new PromsteadError('VALIDATION', `"${secretId}" is not a secret id`);
  }
  return `${secretReferenceOpener}${secretId}))`;
}

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

/**
 * Renders content through `render`, which writes `reference(id)` wherever a secret goes.
 * Every reference in the result must be one `render` asked for: a param that smuggles
 * the reference syntax in is refused, so user input cannot pull a secret into a file.
 */
export function secretTemplate(
  encoding: SecretEncoding,
  render: (reference: (secretId: string) => string) => string,
): SecretTemplate {
  const secretRefs: string[] = [];
  let handedOut = 0;
  const content = render((secretId) => {
    handedOut += 1;
    if (!secretRefs.includes(secretId)) secretRefs.push(secretId);
    return secretReference(secretId);
  });
  if (count(content, secretReferenceOpener) !== handedOut) {
    throw new PromsteadError(
      'VALIDATION',
      `A parameter contains "${secretReferenceOpener}", which only Promstead may write; remove it.`,
    );
  }
  if (encoding === 'none' && handedOut > 0) {
    throw new PromsteadError('VALIDATION', 'This file takes no secrets.');
  }
  if (encoding === 'raw' && (secretRefs.length !== 1 || content !== secretReference(secretRefs[0] ?? ''))) {
    throw new PromsteadError('VALIDATION', 'A raw secret file holds exactly one secret and nothing else.');
  }
  if (encoding === 'yaml' && !wholeYamlScalars(content)) {
    throw new PromsteadError('VALIDATION', 'In YAML a secret reference must be a whole value of its own.');
  }
  return { content, secretRefs, secretEncoding: encoding };
}

/** Content with no secrets; still checked, so a param cannot smuggle a reference in. */
export function literalContent(content: string): SecretTemplate {
  return secretTemplate('none', () => content);
}

/** Each reference ends its line after `key: ` or `- `, so it can be swapped for a quoted scalar. */
function wholeYamlScalars(content: string): boolean {
  return content.split('\n').every((line) => {
    if (!line.includes(secretReferenceOpener)) return true;
    return /^\s*(?:-\s+|[^#'"]*?:\s+)\(\(promstead-secret:[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}\)\)$/.test(line);
  });
}

/** The template with every reference replaced by its secret, encoded for the file's kind. */
export function fillSecretTemplate(file: SecretTemplate & { path: string }, lookup: SecretLookup): string {
  const declared = new Set(file.secretRefs);
  const used = [...file.content.matchAll(secretReferencePattern)].map((match) => match[1] ?? '');
  if (count(file.content, secretReferenceOpener) !== used.length) {
    throw new PromsteadError('VALIDATION', `${file.path}: a secret reference is malformed.`);
  }
  const undeclared = [...new Set(used.filter((secretId) => !declared.has(secretId)))];
  if (undeclared.length > 0) {
    throw new PromsteadError(
      'VALIDATION',
      `${file.path}: references ${undeclared.map((id) => `"${id}"`).join(', ')} without declaring it.`,
    );
  }
  if (file.secretEncoding === 'none' && used.length > 0) {
    throw new PromsteadError('VALIDATION', `${file.path}: this file takes no secrets.`);
  }
  const unused = file.secretRefs.filter((secretId) => !used.includes(secretId));
  if (unused.length > 0) {
    throw new PromsteadError(
      'VALIDATION',
      `${file.path}: declares secret "${unused.join('", "')}" but never uses it.`,
    );
  }
  const values = new Map(file.secretRefs.map((secretId) => [secretId, lookup(secretId)]));
  const missing = file.secretRefs.filter((secretId) => values.get(secretId) === undefined);
  if (missing.length > 0) {
    throw new PromsteadError(
      'NOT_FOUND',
      `${file.path} needs ${missing.map((id) => `secret "${id}"`).join(', ')}, which the secret store does not hold.`,
      { missingSecrets: missing },
    );
  }
  const encoded = new Map(
    file.secretRefs.map((secretId) => [
      secretId,
      encodeSecret(values.get(secretId) ?? '', file.secretEncoding, `${file.path}: secret "${secretId}"`),
    ]),
  );
  return file.content.replace(
    secretReferencePattern,
    (_match, secretId: string) => encoded.get(secretId) ?? '',
  );
}

/** Messages name the file and the secret id, never the value. */
function encodeSecret(secret: string, encoding: SecretEncoding, where: string): string {
  const refuse = (reason: string): never => {
    throw new PromsteadError('VALIDATION', `${where} ${reason}`);
  };
  switch (encoding) {
    case 'none':
      return refuse('cannot go in a file that takes no secrets');
    case 'raw':
      return secret;
    case 'json-string':
      return JSON.stringify(secret);
    case 'uri-userinfo':
      return encodeURIComponent(secret).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      );
    case 'yaml':
      return yamlDoubleQuoted(secret) ?? refuse('is not valid Unicode text');
  }
  if (/[\r\n\0]/.test(secret)) return refuse('contains a line break or NUL and cannot go in this file');
  switch (encoding) {
    case 'my-cnf':
    case 'my-cnf-expand-env': {
      const value = goIniValue(secret, { expandsEnv: encoding === 'my-cnf-expand-env' });
      return 'refused' in value ? refuse(value.refused) : value.text;
    }
    case 'systemd-env':
      // systemd honours backslash escapes of these four inside double quotes.
      return secret.replace(/["\\`$]/g, (c) => `\\${c}`);
    case 'compose-env':
      return secret.includes("'") ? refuse("cannot hold ' in a compose env_file") : secret;
  }
}

const yamlEscapes: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\t': '\\t',
  '\r': '\\r',
};

/**
 * A YAML double-quoted scalar that YAML 1.1 (Go's yaml.v2) and 1.2 read back as the same
 * string: C0 and C1 controls, DEL, BOM, the non-characters and the line separators that
 * YAML 1.1 folds are escaped. Undefined for a string with a lone surrogate.
 */
function yamlDoubleQuoted(value: string): string | undefined {
  let out = '"';
  for (const character of value) {
    const code = character.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) return undefined;
    const escape = yamlEscapes[character];
    if (escape) out += escape;
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += `\\x${hex(code, 2)}`;
    else if (code === 0x2028 || code === 0x2029 || code === 0xfeff || code === 0xfffe || code === 0xffff) {
      out += `\\u${hex(code, 4)}`;
    } else out += character;
  }
  return `${out}"`;
}

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, '0');
}

/** Whether a config file references secrets, so the deploy step must fill it before writing. */
export function referencesSecrets(file: ConfigFile): file is ConfigFile & SecretTemplate {
  return 'content' in file && file.secretRefs.length > 0;
}
