import { describe, expect, it } from 'vitest';
import { Redactor } from './redactor';

describe('Redactor.redact', () => {
  it('masks every occurrence of every registered secret', () => {
    const redactor = new Redactor();
    redactor.add('s3cr3t-pass');
    redactor.add('public-community');
    expect(redactor.redact('login s3cr3t-pass then s3cr3t-pass, snmp public-community')).toBe(
      'login [redacted] then [redacted], snmp [redacted]',
    );
  });

  it('leaves text alone when nothing is registered', () => {
    expect(new Redactor().redact('nothing to hide')).toBe('nothing to hide');
  });

  it('ignores secrets too short to mask safely', () => {
    const redactor = new Redactor();
    redactor.add('abc');
    redactor.add('');
    expect(redactor.redact('abc is the alphabet')).toBe('abc is the alphabet');
  });

  it('masks the longest secret whole when one contains another', () => {
    const redactor = new Redactor();
    redactor.add('pass');
    redactor.add('password123');
    expect(redactor.redact('value=password123')).toBe('value=[redacted]');
  });

  it('treats regex characters in secrets literally', () => {
    const redactor = new Redactor();
    redactor.add('a.b*c(d)');
    expect(redactor.redact('aXbbbc(d) a.b*c(d)')).toBe('aXbbbc(d) [redacted]');
  });

  it('masks the JSON-escaped and URL-encoded forms of a secret', () => {
    const redactor = new Redactor();
    redactor.add('p@ss "word"/x');
    expect(redactor.redact(JSON.stringify({ note: 'p@ss "word"/x' }))).toBe('{"note":"[redacted]"}');
    expect(redactor.redact(`https://h/?p=${encodeURIComponent('p@ss "word"/x')}`)).toBe(
      'https://h/?p=[redacted]',
    );
  });
});

describe('Redactor.redactValue', () => {
  it('masks values under secret-named keys in any case, deep in objects and arrays', () => {
    const redactor = new Redactor();
    const input = {
      host: 'nas.lan',
      Password: 'pw-1',
      ssh: { passphrase: 'pp', privateKey: '-----BEGIN-----', priv_key: 'k', AUTHKEY: 'a' },
      snmp: [{ community: 'public', version: '2c' }],
      apiKey: 'k1',
      api_key: 'k2',
      bearerToken: 't',
      clientSecret: { value: 'nested' },
      pin: 1234,
      token: 987654,
    };
    expect(redactor.redactValue(input)).toEqual({
      host: 'nas.lan',
      Password: '[redacted]',
      ssh: {
        passphrase: '[redacted]',
        privateKey: '[redacted]',
        priv_key: '[redacted]',
        AUTHKEY: '[redacted]',
      },
      snmp: [{ community: '[redacted]', version: '2c' }],
      apiKey: '[redacted]',
      api_key: '[redacted]',
      bearerToken: '[redacted]',
      clientSecret: { value: '[redacted]' },
      pin: 1234,
      token: '[redacted]',
    });
  });

  it('runs registered secrets through every other string and does not touch the input', () => {
    const redactor = new Redactor();
    redactor.add('hunter22');
    const input = { command: 'sshpass -p hunter22 ssh nas', args: ['--pw=hunter22'], port: 22, ok: true };
    const output = redactor.redactValue(input);
    expect(output).toEqual({
      command: 'sshpass -p [redacted] ssh nas',
      args: ['--pw=[redacted]'],
      port: 22,
      ok: true,
    });
    expect(input.command).toContain('hunter22');
  });

  it('keeps secret ids, which are references and not secrets', () => {
    const output = new Redactor().redactValue({ passwordSecretId: 'sec_abc', community_id: 'sec_def' });
    expect(output).toEqual({ passwordSecretId: 'sec_abc', community_id: 'sec_def' });
  });

  it('copies errors with their messages masked', () => {
    const redactor = new Redactor();
    redactor.add('topsecret');
    const error = new Error('auth failed for topsecret');
    const output = redactor.redactValue({ error });
    expect(output.error).toBeInstanceOf(Error);
    expect(output.error.message).toBe('auth failed for [redacted]');
    expect(output.error.stack).not.toContain('topsecret');
  });

  it('survives cycles', () => {
    const redactor = new Redactor();
    const looped: { name: string; self?: unknown; token: string } = { name: 'loop', token: 'abcd' };
    looped.self = looped;
    const output = redactor.redactValue(looped);
    expect(output.token).toBe('[redacted]');
    expect(output.self).toBe(output);
  });

  it('passes primitives through redact', () => {
    const redactor = new Redactor();
    redactor.add('secretive');
    expect(redactor.redactValue('a secretive note')).toBe('a [redacted] note');
    expect(redactor.redactValue(5)).toBe(5);
    expect(redactor.redactValue(null)).toBe(null);
  });
});
