/**
 * CSV and JSON Lines records encoded by DuckDB itself: one VARCHAR per row
 * crosses into JavaScript instead of a value per column (5–7× the rows per
 * second). The rules are exports/csv.ts's and exports/jsonl.ts's, which
 * encode rows computed in JavaScript; the property tests hold both to them.
 */
import type { ExportColumn } from '../../exports/export-columns';
import type { FormulaHandling } from '../../exports/csv';
import { quoteLiteral } from './tables';

const ISO = `'%Y-%m-%dT%H:%M:%S.%gZ'`;
const FORMULA_STARTS = `['=', '+', '-', '@', chr(9), chr(13)]`;

/** RFC 3339 UTC with milliseconds, as Date.prototype.toISOString writes it. */
function isoTime(value: string): string {
  return `strftime(epoch_ms(${value}::BIGINT), ${ISO})`;
}

function csvQuoted(text: string): string {
  return (
    `CASE WHEN ${text} IS NULL THEN '' ` +
    `WHEN ${text} = '' OR contains(${text}, '"') OR contains(${text}, ',') OR contains(${text}, chr(13)) OR contains(${text}, chr(10)) ` +
    `THEN '"' || replace(${text}, '"', '""') || '"' ELSE ${text} END`
  );
}

function csvText(value: string, column: ExportColumn, formulas: FormulaHandling): string {
  switch (column.kind) {
    case 'time':
      return isoTime(value);
    case 'json':
      return `nullif(${value}::VARCHAR, 'null')`;
    case 'text':
      return formulas === 'escape'
        ? `(CASE WHEN list_contains(${FORMULA_STARTS}, left(${value}, 1)) THEN '''' || ${value} ELSE ${value} END)`
        : `${value}::VARCHAR`;
    default:
      return `${value}::VARCHAR`;
  }
}

export function csvRecordSql(
  columns: readonly ExportColumn[],
  value: (column: ExportColumn) => string,
  formulas: FormulaHandling,
): string {
  const fields = columns.map((c) => csvQuoted(csvText(value(c), c, formulas)));
  return `concat_ws(',', ${fields.join(', ')}) || chr(13) || chr(10)`;
}

function jsonValue(value: string, column: ExportColumn): string {
  switch (column.kind) {
    case 'time':
      return isoTime(value);
    case 'json':
      return `${value}::JSON`;
    case 'text':
      return `${value}::VARCHAR`;
    default:
      return value;
  }
}

export function jsonlRecordSql(
  columns: readonly ExportColumn[],
  value: (column: ExportColumn) => string,
): string {
  const pairs = columns.map((c) => `${quoteLiteral(c.name)}, ${jsonValue(value(c), c)}`);
  return `json_object(${pairs.join(', ')})::VARCHAR || chr(10)`;
}
