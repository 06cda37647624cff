// A unified diff of two texts for the plan's file and container-setting changes.
// jsdiff (`diff`) finds the hunks; the headers are written here, so a label is shown as given.
import { structuredPatch, type StructuredPatchHunk } from 'diff';

/**
 * Myers' diff is quick on similar texts but quadratic on very different ones: past this many
 * line pairs (a file read from a host can be anything) the plan shows a one-line summary.
 */
const maxLinePairs = 4_000_000;

function lineCount(text: string): number {
  if (text === '') return 0;
  const count = text.split('\n').length;
  return text.endsWith('\n') ? count - 1 : count;
}

/**
 * A missing last newline is not shown as a change (the plan compares lines), so jsdiff
 * gets both texts newline-terminated and writes no "\ No newline at end of file".
 */
function terminated(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

function formatHunk(hunk: StructuredPatchHunk): string {
  // An empty side starts at the line before, as diff(1) writes it: `@@ -0,0 +1,2 @@`.
  const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
  const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
  const lines = hunk.lines.map((line) => `${line}\n`).join('');
  return `@@ -${oldStart},${hunk.oldLines} +${newStart},${hunk.newLines} @@\n${lines}`;
}

/**
 * `--- a/<label>` / `+++ b/<label>` and hunks with `context` lines around each change;
 * '' when the texts are equal. Huge inputs get a one-line summary instead.
 */
export function unifiedDiff(before: string, after: string, label: string, context = 3): string {
  if (before === after) return '';
  const header = `--- a/${label}\n+++ b/${label}\n`;
  const linesBefore = lineCount(before);
  const linesAfter = lineCount(after);
  if ((linesBefore + 1) * (linesAfter + 1) > maxLinePairs) {
    return `${header}@@ ${linesBefore} lines → ${linesAfter} lines (too long to compare line by line) @@\n`;
  }
  const patch = structuredPatch(label, label, terminated(before), terminated(after), undefined, undefined, {
    context,
  });
  return header + patch.hunks.map(formatHunk).join('');
}
