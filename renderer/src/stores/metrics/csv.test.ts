import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv';

describe('csv', () => {
  it('quotes fields with commas, quotes, line breaks or edge spaces, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
  });

  it('defuses text a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-1.5)).toBe('-1.5');
  });

  it('writes numbers, gaps and non-finite values', () => {
    expect(csvField(42)).toBe('42');
    expect(csvField(null)).toBe('');
    expect(csvField(NaN)).toBe('NaN');
    expect(csvField(Infinity)).toBe('+Inf');
  });

  it('joins rows with CRLF after a header', () => {
    expect(toCsv(['series', 'value'], [['up{job="a,b"}', 1]])).toBe(
      'series,value\r\n"up{job=""a,b""}",1\r\n',
    );
  });
});
