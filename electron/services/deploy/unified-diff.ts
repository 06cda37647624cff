// A unified diff of two texts for the plan's file and container-setting changes: small
// inputs (config files, settings lists), so a plain LCS table is fast enough.

const maxCells = 4_000_000;

type Edit = { op: ' ' | '-' | '+'; line: string };

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function edits(a: string[], b: string[]): Edit[] {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * cols + j] =
        a[i] === b[j]
          ? (table[(i + 1) * cols + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * cols + j] ?? 0, table[i * cols + j + 1] ?? 0);
    }
  }
  const out: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: ' ', line: a[i] ?? '' });
      i++;
      j++;
    } else if ((table[(i + 1) * cols + j] ?? 0) >= (table[i * cols + j + 1] ?? 0)) {
      out.push({ op: '-', line: a[i++] ?? '' });
    } else out.push({ op: '+', line: b[j++] ?? '' });
  }
  while (i < a.length) out.push({ op: '-', line: a[i++] ?? '' });
  while (j < b.length) out.push({ op: '+', line: b[j++] ?? '' });
  return out;
}

/**
 * `--- a/<label>` / `+++ b/<label>` and hunks with `context` lines around each change;
 * '' when the texts are equal. Huge inputs get a one-line summary instead.
 */
export function unifiedDiff(before: string, after: string, label: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const header = `--- a/${label}\n+++ b/${label}\n`;
  if ((a.length + 1) * (b.length + 1) > maxCells) {
    return `${header}@@ ${a.length} lines → ${b.length} lines (too long to compare line by line) @@\n`;
  }
  const all = edits(a, b);
  const changed = all.map((edit, index) => (edit.op === ' ' ? -1 : index)).filter((index) => index >= 0);
  const hunks: string[] = [];
  let cursor = 0;
  while (cursor < changed.length) {
    const first = changed[cursor] ?? 0;
    let last = first;
    while (cursor + 1 < changed.length && (changed[cursor + 1] ?? 0) - last <= context * 2) {
      cursor++;
      last = changed[cursor] ?? last;
    }
    cursor++;
    const start = Math.max(0, first - context);
    const end = Math.min(all.length, last + context + 1);
    let lineA = 1;
    let lineB = 1;
    for (const edit of all.slice(0, start)) {
      if (edit.op !== '+') lineA++;
      if (edit.op !== '-') lineB++;
    }
    const slice = all.slice(start, end);
    const countA = slice.filter((edit) => edit.op !== '+').length;
    const countB = slice.filter((edit) => edit.op !== '-').length;
    hunks.push(
      `@@ -${countA === 0 ? lineA - 1 : lineA},${countA} +${countB === 0 ? lineB - 1 : lineB},${countB} @@\n` +
        slice.map((edit) => `${edit.op}${edit.line}\n`).join(''),
    );
  }
  return header + hunks.join('');
}
