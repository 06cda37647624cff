import { describe, expect, it } from 'vitest';
import { execStart, systemdQuote } from './systemd-unit';

describe('systemdQuote', () => {
  it('leaves plain flags alone', () => {
    expect(systemdQuote('--web.listen-address=:9100')).toBe('--web.listen-address=:9100');
  });

  it('quotes and escapes what systemd would expand or split', () => {
    expect(systemdQuote('^/(a|b)($|/)')).toBe('"^/(a|b)($$|/)"');
    expect(systemdQuote('100%')).toBe('"100%%"');
    expect(systemdQuote('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
    expect(systemdQuote('--web.listen-address=[::1]:9100')).toBe('"--web.listen-address=[::1]:9100"');
  });

  it('puts one argument on each line', () => {
    expect(execStart(['/usr/bin/x', '--a', '--b'])).toBe('ExecStart=/usr/bin/x \\\n    --a \\\n    --b');
  });
});
