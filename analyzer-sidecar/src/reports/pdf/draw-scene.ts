/** Draws a chart scene with PDF vector operators (paths, fills, embedded-font text) at (x, y), scaled. */
import type { ChartScene } from '../charts/chart-scene';

export function drawScene(
  doc: PDFKit.PDFDocument,
  scene: ChartScene,
  x: number,
  y: number,
  scale: number,
): void {
  doc.save();
  doc.translate(x, y).scale(scale);
  for (const shape of scene.shapes) {
    switch (shape.kind) {
      case 'line': {
        const [first, ...rest] = shape.points;
        if (!first) break;
        doc.moveTo(first[0], first[1]);
        for (const [px, py] of rest) doc.lineTo(px, py);
        doc.lineWidth(shape.width).strokeColor(shape.stroke);
        if (shape.dash) doc.dash(shape.dash, {});
        doc.stroke();
        if (shape.dash) doc.undash();
        break;
      }
      case 'rect':
        doc.rect(shape.x, shape.y, shape.w, shape.h).fill(shape.fill);
        break;
      case 'circle':
        doc.circle(shape.x, shape.y, shape.r).fill(shape.fill);
        break;
      case 'text': {
        doc
          .font(shape.bold ? 'bold' : 'regular')
          .fontSize(shape.size)
          .fillColor(shape.fill);
        const width = doc.widthOfString(shape.text);
        const left =
          shape.anchor === 'start'
            ? shape.x
            : shape.anchor === 'middle'
              ? shape.x - width / 2
              : shape.x - width;
        doc.text(shape.text, left, shape.y, { lineBreak: false, baseline: 'alphabetic' });
        break;
      }
    }
  }
  doc.restore();
}
