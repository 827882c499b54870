/**
 * RFC 4180 CSV: fields holding a comma, a double quote, CR or LF are quoted,
 * quotes inside doubled, records end with CRLF. A null is an empty unquoted
 * field, an empty string a quoted one (`""`), so the two stay apart.
 *
 * CSV injection (OWASP "CSV Injection"): a spreadsheet runs a cell starting
 * with `=`, `+`, `-`, `@`, TAB or CR as a formula. With `formulas: 'escape'`
 * (the API's default) such a *text* value is prefixed with a single quote,
 * which spreadsheets show but do not evaluate; numbers are never touched
 * (so -3 stays -3). `formulas: 'keep'` writes every value exactly.
 */
import type { ExportColumn, ExportRow } from './export-columns';

export type FormulaHandling = 'escape' | 'keep';

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvField(text: string | null): string {
  if (text === null) return '';
  if (text === '' || NEEDS_QUOTES.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

/** The text of one value in CSV (before quoting); null for a missing value. */
export function csvText(column: ExportColumn, value: unknown, formulas: FormulaHandling): string | null {
  if (value === null || value === undefined) return null;
  switch (column.kind) {
    case 'time':
      return new Date(value as number).toISOString();
    case 'json':
      return JSON.stringify(value);
    case 'text':
      return formulas === 'escape' ? escapeFormula(String(value)) : String(value);
    default:
      return String(value);
  }
}

export function csvHeader(columns: readonly ExportColumn[]): string {
  return `${columns.map((c) => csvField(c.name)).join(',')}\r\n`;
}

export function csvRecord(
  columns: readonly ExportColumn[],
  row: ExportRow,
  formulas: FormulaHandling,
): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as ExportColumn;
    if (i > 0) line += ',';
    line += csvField(csvText(column, row[column.name], formulas));
  }
  return `${line}\r\n`;
}
