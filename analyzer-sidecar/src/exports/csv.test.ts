import { csvField, csvHeader, csvRecord, escapeFormula } from './csv';
import type { ExportColumn } from './export-columns';

describe('CSV (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\r\nbreak', '"line\r\nbreak"'],
    ['lf\n', '"lf\n"'],
    ['', '""'],
    [null, ''],
  ])('field %j is written %j', (text, field) => {
    expect(csvField(text)).toBe(field);
  });

  it.each([
    ['=1+2', "'=1+2"],
    ['+x', "'+x"],
    ['-3', "'-3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=x', "'\t=x"],
    ['a=b', 'a=b'],
    ["'=x", "'=x"],
  ])('a text value %j is escaped to %j for spreadsheets', (text, escaped) => {
    expect(escapeFormula(text)).toBe(escaped);
  });

  it('escapes only text columns, never numbers, and ends records with CRLF', () => {
    const columns: ExportColumn[] = [
      { name: 'note', kind: 'text' },
      { name: 'delta', kind: 'double' },
      { name: 'at', kind: 'time' },
      { name: 'data', kind: 'json' },
    ];
    expect(csvHeader(columns)).toBe('note,delta,at,data\r\n');
    const row = { note: '-hack', delta: -3, at: Date.UTC(2026, 0, 1), data: { a: 'x,y' } };
    expect(csvRecord(columns, row, 'escape')).toBe(
      `'-hack,-3,2026-01-01T00:00:00.000Z,"{""a"":""x,y""}"\r\n`,
    );
    expect(csvRecord(columns, row, 'keep')).toBe(`-hack,-3,2026-01-01T00:00:00.000Z,"{""a"":""x,y""}"\r\n`);
  });
});
