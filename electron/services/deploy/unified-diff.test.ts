import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './unified-diff';

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', 'f')).toBe('');
  });

  it('shows a new file as all additions', () => {
    expect(unifiedDiff('', 'a\nb\n', 'etc/x.yml')).toBe(
      '--- a/etc/x.yml\n+++ b/etc/x.yml\n@@ -0,0 +1,2 @@\n+a\n+b\n',
    );
  });

  it('gives one hunk with context around a changed line', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].join('\n');
    const after = before.replace('5', 'five');
    expect(unifiedDiff(before, after, 'f')).toBe(
      '--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n',
    );
  });

  it('splits changes far apart into separate hunks', () => {
    const before = Array.from({ length: 30 }, (_, index) => `line ${index}`).join('\n');
    const after = before.replace('line 2\n', 'line two\n').replace('line 27', 'line twenty-seven');
    const diff = unifiedDiff(before, after, 'f');
    expect(diff.match(/^@@/gm)).toHaveLength(2);
    expect(diff).toContain('-line 2\n+line two\n');
    expect(diff).toContain('-line 27\n+line twenty-seven\n');
  });

  it('joins changes whose context lines meet into one hunk, as diff(1) does', () => {
    const before = Array.from({ length: 12 }, (_, index) => `line ${index}`).join('\n');
    // Six unchanged lines between the changes: the three after one and the three before the other.
    const after = before.replace('line 2', 'line two').replace('line 9', 'line nine');
    expect(unifiedDiff(before, after, 'f').match(/^@@/gm)).toHaveLength(1);
  });

  it('compares lines, so a missing last newline is no change of its own', () => {
    expect(unifiedDiff('a\nb', 'a\nc\n', 'f')).toBe('--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n');
    expect(unifiedDiff('a\r\nb\r\n', 'a\r\nc\r\n', 'f')).toContain('-b\r\n+c\r\n');
  });

  it('keeps the label as given and sums up inputs too long to compare', () => {
    expect(unifiedDiff('', 'x\n', 'container/my exporter')).toMatch(/^--- a\/container\/my exporter\n/);
    const long = Array.from({ length: 2500 }, (_, index) => `${index}`).join('\n');
    expect(unifiedDiff(long, `${long}\nmore`, 'f')).toBe(
      '--- a/f\n+++ b/f\n@@ 2500 lines → 2501 lines (too long to compare line by line) @@\n',
    );
  });
});
