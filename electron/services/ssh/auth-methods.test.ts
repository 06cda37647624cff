import { utils, type AnyAuthMethod, type AuthenticationType, type NextAuthHandler } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { authMethodsFor, parsePrivateKey, trackAuth } from './auth-methods';

const encrypted = utils.generateKeyPairSync('ed25519', {
  passphrase: 'right horse',
  cipher: 'aes256-ctr',
  rounds: 4,
});
const plain = utils.generateKeyPairSync('ed25519');
const noFiles = {
  readFile: (): Promise<Buffer> => Promise.reject(Object.assign(new Error('x'), { code: 'ENOENT' })),
};

describe('parsePrivateKey', () => {
  it('opens an encrypted key with its passphrase', () => {
    expect(parsePrivateKey(encrypted.private, 'right horse', 'id').type).toBe('ssh-ed25519');
  });

  it('says the passphrase is wrong, or missing', () => {
    expect(() => parsePrivateKey(encrypted.private, 'wrong', '~/.ssh/id')).toThrow(
      /passphrase for the private key ~\/.ssh\/id is wrong/,
    );
    expect(() => parsePrivateKey(encrypted.private, undefined, 'id')).toThrow(
      /encrypted: enter its passphrase/,
    );
  });

  it('refuses a public key and garbage', () => {
    expect(() => parsePrivateKey(plain.public, undefined, 'id.pub')).toThrow(/public key/);
    expect(() => parsePrivateKey('not a key', undefined, 'x')).toThrow(/cannot be read/);
  });
});

describe('authMethodsFor', () => {
  it('reads a key file and reports one it cannot read', async () => {
    const methods = await authMethodsFor({ kind: 'privateKey', privateKeyPath: '/k' }, 'u', {
      readFile: () => Promise.resolve(Buffer.from(plain.private)),
      agentSocket: undefined,
    });
    expect(methods.map((method) => method.type)).toEqual(['publickey']);
    await expect(
      authMethodsFor({ kind: 'privateKey', privateKeyPath: '/missing' }, 'u', {
        ...noFiles,
        agentSocket: undefined,
      }),
    ).rejects.toThrow(/\/missing cannot be read \(ENOENT\)/);
  });

  it('uses the agent socket given, else SSH_AUTH_SOCK, else says there is none', async () => {
    const fromEnvironment = await authMethodsFor({ kind: 'agent' }, 'u', {
      ...noFiles,
      agentSocket: '/run/agent',
    });
    expect(fromEnvironment).toEqual([{ type: 'agent', username: 'u', agent: '/run/agent' }]);
    await expect(
      authMethodsFor({ kind: 'agent' }, 'u', { ...noFiles, agentSocket: undefined }),
    ).rejects.toThrow(/SSH_AUTH_SOCK is not set/);
  });

  it('answers only password prompts in keyboard-interactive', async () => {
    const methods = await authMethodsFor({ kind: 'password', password: 's3cret' }, 'u', {
      ...noFiles,
      agentSocket: undefined,
    });
    const interactive = methods[1];
    expect(interactive?.type).toBe('keyboard-interactive');
    if (interactive?.type !== 'keyboard-interactive') return;
    let answers: string[] = [];
    interactive.prompt(
      '',
      '',
      '',
      [
        { prompt: 'Password: ', echo: false },
        { prompt: 'Code: ', echo: true },
      ],
      (replies) => {
        answers = replies;
      },
    );
    expect(answers).toEqual(['s3cret', '']);
  });
});

describe('trackAuth', () => {
  /** Drives the handler as ssh2 does and returns the methods it picked. */
  function drive(methods: AnyAuthMethod[], serverMethods: AuthenticationType[]): (string | false)[] {
    const tracker = trackAuth(methods, 'u');
    const picked: (string | false)[] = [];
    const next = ((method: AnyAuthMethod | false) =>
      picked.push(method === false ? false : method.type)) as NextAuthHandler;
    tracker.handler(null as unknown as AuthenticationType[], false, next);
    for (let round = 0; round <= methods.length && picked.at(-1) !== false; round++)
      tracker.handler(serverMethods, false, next);
    return picked;
  }

  it('asks none first, then only what the server accepts, then gives up', () => {
    const password: AnyAuthMethod = { type: 'password', username: 'u', password: 'p' };
    const agent: AnyAuthMethod = { type: 'agent', username: 'u', agent: '/a' };
    expect(drive([password, agent], ['publickey'])).toEqual(['none', 'agent', false]);
    expect(drive([password, agent], ['publickey', 'password'])).toEqual(['none', 'password', 'agent', false]);
  });

  it('records what it tried and what the server accepts', () => {
    const tracker = trackAuth([{ type: 'password', username: 'u', password: 'p' }], 'u');
    const next = (() => undefined) as NextAuthHandler;
    tracker.handler(null as unknown as AuthenticationType[], false, next);
    tracker.handler(['password', 'publickey'], false, next);
    expect(tracker.tried).toEqual(['password']);
    expect(tracker.serverMethods()).toEqual(['password', 'publickey']);
  });
});
