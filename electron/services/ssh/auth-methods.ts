// Turns resolved credentials into ssh2 auth methods, checks a private key and its
// passphrase before any packet leaves, and records which methods were tried.
// ssh2 is CommonJS: its default export works both bundled and under Node's ESM loader.
import ssh2, { type AnyAuthMethod, type AuthHandlerMiddleware, type ParsedKey } from 'ssh2';

const { utils } = ssh2;
import { PromsteadError } from '@shared/contract';
import type { SshAuth } from './ssh-types';

export interface AuthDependencies {
  readFile: (path: string) => Promise<Buffer>;
  /** The environment's SSH_AUTH_SOCK, for agent auth without an explicit socket. */
  agentSocket: string | undefined;
}

/** Parses a private key; a wrong or missing passphrase becomes an error saying so. */
export function parsePrivateKey(
  key: string | Buffer,
  passphrase: string | undefined,
  source: string,
): ParsedKey {
  const parsed = utils.parseKey(key, passphrase);
  const first = Array.isArray(parsed) ? (parsed as unknown[])[0] : parsed;
  if (first instanceof Error || first === undefined) {
    const reason = first instanceof Error ? first.message : 'no key found';
    if (/encrypted/i.test(reason) && /no passphrase/i.test(reason))
      throw new PromsteadError(
        'SSH_AUTH_FAILED',
        `The private key ${source} is encrypted: enter its passphrase.`,
      );
    if (/bad decrypt|integrity check|passphrase|decrypt/i.test(reason))
      throw new PromsteadError('SSH_AUTH_FAILED', `The passphrase for the private key ${source} is wrong.`);
    throw new PromsteadError('VALIDATION', `The private key ${source} cannot be read: ${reason}.`);
  }
  const parsedKey = first as ParsedKey;
  if (!parsedKey.isPrivateKey())
    throw new PromsteadError(
      'VALIDATION',
      `${source} holds a public key: choose the private key file (without .pub).`,
    );
  return parsedKey;
}

/** The ssh2 methods for one credential: a password also answers keyboard-interactive. */
export async function authMethodsFor(
  auth: SshAuth,
  username: string,
  dependencies: AuthDependencies,
): Promise<AnyAuthMethod[]> {
  switch (auth.kind) {
    case 'password':
      return [
        { type: 'password', username, password: auth.password },
        {
          type: 'keyboard-interactive',
          username,
          // PAM servers ask for the password this way; answer only a password prompt.
          prompt: (_name, _instructions, _lang, prompts, finish) =>
            finish(prompts.map((entry) => (/password/i.test(entry.prompt) ? auth.password : ''))),
        },
      ];
    case 'agent': {
      const socket = auth.socketPath ?? dependencies.agentSocket;
      if (!socket)
        throw new PromsteadError(
          'VALIDATION',
          'No SSH agent: SSH_AUTH_SOCK is not set. Start ssh-agent (and ssh-add your key), or use a key file.',
        );
      return [{ type: 'agent', username, agent: socket }];
    }
    case 'privateKey': {
      const source = 'privateKeyPath' in auth ? auth.privateKeyPath : '(given in memory)';
      let text: string | Buffer;
      if ('privateKeyPath' in auth) {
        try {
          text = await dependencies.readFile(auth.privateKeyPath);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
          throw new PromsteadError('VALIDATION', `The private key ${source} cannot be read (${code}).`);
        }
      } else {
        text = auth.privateKey;
      }
      return [{ type: 'publickey', username, key: parsePrivateKey(text, auth.passphrase, source) }];
    }
  }
}

/** The name a person knows a method by, for "tried …" in errors. */
function methodName(method: AnyAuthMethod): string {
  return method.type;
}

/** The method's name as the server lists it in "methods that can continue". */
function wireName(method: AnyAuthMethod): string {
  return method.type === 'agent' ? 'publickey' : method.type;
}

export interface AuthTracker {
  handler: AuthHandlerMiddleware;
  tried: string[];
  serverMethods: () => string[] | undefined;
}

/**
 * Asks `none` first (the server answers with the methods it accepts), then each method
 * the server accepts, in order, recording what was offered.
 */
export function trackAuth(methods: readonly AnyAuthMethod[], username: string): AuthTracker {
  const tried: string[] = [];
  let serverMethods: string[] | undefined;
  let started = false;
  let index = 0;
  const handler: AuthHandlerMiddleware = (authsLeft, _partialSuccess, next) => {
    if (Array.isArray(authsLeft)) serverMethods = [...authsLeft];
    if (!started) {
      started = true;
      return next({ type: 'none', username });
    }
    while (index < methods.length) {
      const method = methods[index++];
      if (method === undefined) break;
      if (serverMethods && !serverMethods.includes(wireName(method))) continue;
      tried.push(methodName(method));
      return next(method);
    }
    // ssh2's types omit `false`, which ends authentication ("all methods failed").
    return (next as unknown as (method: false) => void)(false);
  };
  return { handler, tried, serverMethods: () => serverMethods };
}
