// Secret files whose content is more than the bare secret: a .my.cnf, an env file, the
// JSON password map of redis_exporter. The plan carries a template with a placeholder
// and the secret id; the deploy step resolves the id and calls renderSecretTemplate, so
// the value never sits in a plan, a golden file or a log.
import type { ConfigFile } from './catalog-types';

export const secretPlaceholder = '@@PROMSTEAD_SECRET@@';

/**
 * How the secret is escaped where it lands. my-cnf: a quoted option value as go-ini
 * reads it (quotes are stripped, nothing is unescaped, so the delimiter is one the
 * secret does not contain); systemd-env: escaped for the inside of a double-quoted
 * EnvironmentFile value; compose-env: the inside of a single-quoted env_file value,
 * which compose takes literally (the templates supply the quotes);
 * json-string: a JSON string literal; uri-userinfo: every byte but unreserved ones
 * percent-encoded, safe unquoted in a URI and in any env file.
 */
export type SecretEncoding = 'my-cnf' | 'systemd-env' | 'compose-env' | 'json-string' | 'uri-userinfo';

export type SecretTemplateFile = Extract<ConfigFile, { secretId: string }> & {
  template: string;
  encoding: SecretEncoding;
};

export class SecretTemplateError extends Error {
  override name = 'SecretTemplateError';
}

function encodeSecret(secret: string, encoding: SecretEncoding): string {
  if (encoding === 'json-string') return JSON.stringify(secret);
  if (encoding === 'uri-userinfo') {
    return encodeURIComponent(secret).replace(
      /[!'()*]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
  }
  if (/[\r\n\0]/.test(secret)) {
    throw new SecretTemplateError('the secret contains a line break or NUL and cannot go in this file');
  }
  switch (encoding) {
    case 'my-cnf':
      if (!secret.includes('"')) return `"${secret}"`;
      if (!secret.includes('`')) return `\`${secret}\``;
      throw new SecretTemplateError('a .my.cnf password cannot hold both " and `');
    case 'systemd-env':
      // systemd honours backslash escapes of these four inside double quotes.
      return secret.replace(/["\\`$]/g, (c) => `\\${c}`);
    case 'compose-env':
      if (secret.includes("'")) throw new SecretTemplateError("a compose env_file value cannot hold '");
      return secret;
  }
}

/** The file content with the secret in place of the placeholder, escaped for the file's format. */
export function renderSecretTemplate(file: SecretTemplateFile, secret: string): string {
  const parts = file.template.split(secretPlaceholder);
  if (parts.length !== 2) throw new SecretTemplateError(`${file.path}: the template needs one placeholder`);
  return `${parts[0]}${encodeSecret(secret, file.encoding)}${parts[1]}`;
}

/** Whether a config file is a template rather than the bare secret. */
export function isSecretTemplateFile(file: ConfigFile): file is SecretTemplateFile {
  return 'secretId' in file && 'template' in file;
}
