/**
 * A report document as one standalone HTML page: styles inline, charts as
 * inline SVG, no script, no external request (fonts fall back to the reader's).
 */
import { sceneToSvg, escapeXml } from './charts/scene-svg';
import type { ReportDocument, ReportTable } from './report-document';

const STYLE = `
body{font-family:"DejaVu Sans",Verdana,sans-serif;color:#2e3436;margin:2rem auto;max-width:62rem;padding:0 1rem}
h1{font-size:1.6rem;margin:0}h2{font-size:1.15rem;margin:1.8rem 0 .3rem}.sub,.note{color:#6b7075;font-size:.85rem}
.summary{display:grid;grid-template-columns:repeat(4,1fr);gap:.4rem;margin:1rem 0}
.summary div{background:#f6f7f4;padding:.4rem .6rem}.summary b{display:block;font-size:1.15rem}
table{border-collapse:collapse;width:100%;font-size:.78rem}th{background:#e6e8e3;text-align:left}
th,td{padding:.2rem .35rem;vertical-align:top;overflow-wrap:anywhere}tbody tr:nth-child(even){background:#f6f7f4}
td.r,th.r{text-align:right}svg{width:100%;max-width:48rem;height:auto;display:block;margin:.4rem 0}
@media print{thead{display:table-header-group}tr{break-inside:avoid}}`;

function table(t: ReportTable): string {
  if (t.rows.length === 0) return `<p class="note">${escapeXml(t.empty)}</p>`;
  const cls = (i: number) => (t.columns[i]?.align === 'right' ? ' class="r"' : '');
  const head = t.columns.map((c, i) => `<th${cls(i)}>${escapeXml(c.title)}</th>`).join('');
  const body = t.rows
    .map((row) => `<tr>${row.map((cell, i) => `<td${cls(i)}>${escapeXml(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function renderHtml(report: ReportDocument): string {
  const summary = report.summary
    .map(([label, value]) => `<div>${escapeXml(label)}<b>${escapeXml(value)}</b></div>`)
    .join('');
  const sections = report.sections
    .map(
      (s) =>
        `<section><h2>${escapeXml(s.heading)}</h2>${s.text ? `<p class="note">${escapeXml(s.text)}</p>` : ''}` +
        `${s.chart ? sceneToSvg(s.chart) : ''}${s.table ? table(s.table) : ''}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(report.title)}</title><style>${STYLE}</style></head>
<body><header><h1>${escapeXml(report.title)}</h1><p class="sub">${escapeXml(report.subtitle)}</p></header>
<div class="summary">${summary}</div>
${sections}
</body></html>
`;
}
