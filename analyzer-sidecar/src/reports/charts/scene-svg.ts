/** A chart scene as a standalone SVG element (inline in the HTML report; no external references). */
import type { ChartScene, Shape } from './chart-scene';

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const n = (value: number) => String(Math.round(value * 100) / 100);

function shapeSvg(shape: Shape): string {
  switch (shape.kind) {
    case 'line':
      return `<polyline fill="none" stroke="${shape.stroke}" stroke-width="${n(shape.width)}"${
        shape.dash ? ` stroke-dasharray="${shape.dash}"` : ''
      } points="${shape.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}"/>`;
    case 'rect':
      return `<rect x="${n(shape.x)}" y="${n(shape.y)}" width="${n(shape.w)}" height="${n(shape.h)}" fill="${shape.fill}"/>`;
    case 'circle':
      return `<circle cx="${n(shape.x)}" cy="${n(shape.y)}" r="${n(shape.r)}" fill="${shape.fill}"/>`;
    case 'text':
      return `<text x="${n(shape.x)}" y="${n(shape.y)}" font-size="${shape.size}" fill="${shape.fill}" text-anchor="${shape.anchor}"${
        shape.bold ? ' font-weight="bold"' : ''
      }>${escapeXml(shape.text)}</text>`;
  }
}

export function sceneToSvg(scene: ChartScene): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(scene.title)}" ` +
    `viewBox="0 0 ${scene.width} ${scene.height}" width="${scene.width}" height="${scene.height}" ` +
    `font-family="DejaVu Sans, Verdana, sans-serif">${scene.shapes.map(shapeSvg).join('')}</svg>`
  );
}
