import { describe, expect, it } from 'vitest';
import { shellCommand, shellQuote } from './shell-quote';
import { runTool } from './tool-checks';

describe('shellQuote', () => {
  it.each(["it's", '$(id)', '`id`', 'a b', '"; rm -rf / #', '\n', '', "''"])(
    'makes bash see %j as one literal word',
    async (word) => {
      const result = await runTool('bash', ['-c', `printf '%s' ${shellQuote(word)}`]);
      expect(result.stdout).toBe(word);
    },
  );

  it('joins a command of quoted words', () => {
    expect(shellCommand(['systemctl', 'enable', "x'y"])).toBe(`'systemctl' 'enable' 'x'\\''y'`);
  });
});
