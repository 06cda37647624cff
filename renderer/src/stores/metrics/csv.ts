// CSV as spreadsheets read it (RFC 4180): fields with a comma, quote or line break are
// quoted with quotes doubled; text that a spreadsheet would run as a formula gets a
// leading apostrophe, since label values come from the network.
export type CsvCell = string | number | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;

export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    if (Number.isNaN(cell)) return 'NaN';
    if (cell === Infinity) return '+Inf';
    if (cell === -Infinity) return '-Inf';
    return String(cell);
  }
  const text = formulaStart.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
