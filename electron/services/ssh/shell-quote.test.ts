import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { shellCommand, shellQuote } from './shell-quote';

const run = promisify(execFile);

describe('shellQuote', () => {
  it.each(["it's", '$(id)', '`id`', 'a b', '"; rm -rf / #', '\n', '', "''"])(
    'makes bash see %j as one literal word',
    async (word) => {
      const result = await run('bash', ['-c', `printf '%s' ${shellQuote(word)}`]);
      expect(result.stdout).toBe(word);
    },
  );

  it('joins a command of quoted words', () => {
    expect(shellCommand(['systemctl', 'enable', "x'y"])).toBe(`'systemctl' 'enable' 'x'\\''y'`);
  });
});
