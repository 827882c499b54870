/** A report document as PDF (A4): title block, headline figures, then each section's chart and table. */
import PDFDocument from 'pdfkit';
import type { ReportDocument } from '../report-document';
import { drawScene } from './draw-scene';
import { REPORT_FONTS } from './fonts';
import { drawTable } from './pdf-table';

const MARGIN = 40;
const INK = '#2e3436';
const MUTED = '#6b7075';

export function renderPdf(report: ReportDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    // the report's own time, not the clock's: the same input gives the same bytes
    info: {
      Title: report.title,
      Subject: report.subtitle,
      Creator: 'RPA Analytics analyzer',
      CreationDate: new Date(report.generatedAt),
    },
  });
  doc.registerFont('regular', REPORT_FONTS.regular);
  doc.registerFont('bold', REPORT_FONTS.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const area = () => ({
    left: MARGIN,
    width,
    top: MARGIN,
    bottom: doc.page.height - doc.page.margins.bottom,
  });

  doc.font('bold').fontSize(18).fillColor(INK).text(report.title, MARGIN, MARGIN, { width });
  doc.font('regular').fontSize(9).fillColor(MUTED).text(report.subtitle, { width });
  doc.moveDown(0.6);
  drawSummary(doc, report.summary, width);

  for (const section of report.sections) {
    // a heading stays with what it introduces: its chart, or the start of its table
    const scale = section.chart ? Math.min(1, width / section.chart.width) : 1;
    const keep = 50 + (section.chart ? section.chart.height * scale : 40);
    if (doc.y + keep > area().bottom) doc.addPage();
    doc.moveDown(0.6);
    doc.font('bold').fontSize(12).fillColor(INK).text(section.heading, MARGIN, doc.y, { width });
    if (section.text) doc.font('regular').fontSize(8.5).fillColor(MUTED).text(section.text, { width });
    doc.moveDown(0.4);
    if (section.chart) {
      const height = section.chart.height * scale;
      if (doc.y + height > area().bottom) doc.addPage();
      const top = doc.y;
      drawScene(doc, section.chart, MARGIN, top, scale);
      doc.x = MARGIN;
      doc.y = top + height + 6;
    }
    if (section.table) doc.y = drawTable(doc, section.table, area(), doc.y);
    doc.x = MARGIN;
  }
  footers(doc, report);
  doc.end();
  return done;
}

function drawSummary(doc: PDFKit.PDFDocument, summary: ReportDocument['summary'], width: number): void {
  if (summary.length === 0) return;
  const perRow = 4;
  const cell = width / perRow;
  const top = doc.y;
  summary.forEach(([label, value], i) => {
    const x = MARGIN + (i % perRow) * cell;
    const y = top + Math.floor(i / perRow) * 36;
    doc.rect(x + 2, y, cell - 4, 32).fill('#f6f7f4');
    doc
      .font('regular')
      .fontSize(7)
      .fillColor(MUTED)
      .text(label, x + 8, y + 5, { width: cell - 16, lineBreak: false });
    doc
      .font('bold')
      .fontSize(12)
      .fillColor(INK)
      .text(value, x + 8, y + 15, { width: cell - 16, lineBreak: false });
  });
  doc.x = MARGIN;
  doc.y = top + Math.ceil(summary.length / perRow) * 36 + 4;
}

/** "title · page i of n" on every page, drawn once the page count is known. */
function footers(doc: PDFKit.PDFDocument, report: ReportDocument): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // text in the margin must not start a page
    doc
      .font('regular')
      .fontSize(7)
      .fillColor(MUTED)
      .text(
        `${report.title} · page ${i + 1 - range.start} of ${range.count}`,
        MARGIN,
        doc.page.height - MARGIN,
        {
          width: doc.page.width - 2 * MARGIN,
          align: 'right',
          lineBreak: false,
        },
      );
    doc.page.margins.bottom = bottom;
  }
}
