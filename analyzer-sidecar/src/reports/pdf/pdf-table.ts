/**
 * A table drawn row by row; a row that would cross the bottom margin starts a
 * new page, and every page the table reaches begins with its header row again.
 */
import type { ReportTable } from '../report-document';

const SIZE = 7.5;
const PAD = 3;
const HEADER_FILL = '#e6e8e3';
const ZEBRA = '#f6f7f4';
/** Cells longer than this are cut (a report is read, the export has every character). */
const MAX_CELL = 300;

export interface TableArea {
  readonly left: number;
  readonly width: number;
  readonly top: number;
  readonly bottom: number;
}

function cellText(text: string): string {
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

function widths(table: ReportTable, total: number): number[] {
  const sum = table.columns.reduce((s, c) => s + c.width, 0);
  return table.columns.map((c) => (c.width / sum) * total);
}

function rowHeight(doc: PDFKit.PDFDocument, cells: readonly string[], cols: number[], bold: boolean): number {
  doc.font(bold ? 'bold' : 'regular').fontSize(SIZE);
  let height = 0;
  cells.forEach((cell, i) => {
    height = Math.max(height, doc.heightOfString(cellText(cell), { width: (cols[i] ?? 10) - 2 * PAD }));
  });
  return height + 2 * PAD;
}

function drawRow(
  doc: PDFKit.PDFDocument,
  table: ReportTable,
  cells: readonly string[],
  cols: number[],
  at: { x: number; y: number; h: number; fill?: string; bold: boolean },
): void {
  if (at.fill)
    doc
      .rect(
        at.x,
        at.y,
        cols.reduce((a, b) => a + b, 0),
        at.h,
      )
      .fill(at.fill);
  doc
    .font(at.bold ? 'bold' : 'regular')
    .fontSize(SIZE)
    .fillColor('#2e3436');
  let x = at.x;
  cells.forEach((cell, i) => {
    const w = cols[i] ?? 10;
    const align = table.columns[i]?.align === 'right' ? 'right' : 'left';
    doc.text(cellText(cell), x + PAD, at.y + PAD, { width: w - 2 * PAD, align, lineBreak: true });
    x += w;
  });
}

/** Draws the table from `y`, adding pages as needed; returns the y below it. */
export function drawTable(doc: PDFKit.PDFDocument, table: ReportTable, area: TableArea, y: number): number {
  const cols = widths(table, area.width);
  const titles = table.columns.map((c) => c.title);
  const headerHeight = rowHeight(doc, titles, cols, true);
  if (table.rows.length === 0) {
    doc
      .font('regular')
      .fontSize(8)
      .fillColor('#6b7075')
      .text(table.empty, area.left, y, { width: area.width });
    return doc.y + 6;
  }
  const header = (top: number) => {
    drawRow(doc, table, titles, cols, {
      x: area.left,
      y: top,
      h: headerHeight,
      fill: HEADER_FILL,
      bold: true,
    });
    return top + headerHeight;
  };
  const firstRow = rowHeight(doc, table.rows[0] ?? [], cols, false);
  if (y + headerHeight + firstRow > area.bottom) {
    doc.addPage();
    y = area.top;
  }
  y = header(y);
  table.rows.forEach((row, i) => {
    const h = rowHeight(doc, row, cols, false);
    if (y + h > area.bottom) {
      doc.addPage();
      y = header(area.top);
    }
    drawRow(doc, table, row, cols, {
      x: area.left,
      y,
      h,
      fill: i % 2 === 1 ? ZEBRA : undefined,
      bold: false,
    });
    y += h;
  });
  doc
    .moveTo(area.left, y)
    .lineTo(area.left + area.width, y)
    .lineWidth(0.5)
    .strokeColor('#babdb6')
    .stroke();
  return y + 10;
}
