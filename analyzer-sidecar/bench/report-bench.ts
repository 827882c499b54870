/**
 * Report render time: a real app holding a few days of three workflows (one
 * degrading, so there are anomalies and insights, one insight implemented),
 * each template rendered as PDF and HTML; optionally written to a folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_TEMPLATES } from '../src/reports/report-request';
import { analysisHistory, DEGRADING_WORKFLOW, HISTORY_DAY } from '../src/test-support/analysis-history';
import { bearer, startTestApp } from '../src/test-support/test-app';

export interface ReportFigures {
  template: string;
  pdfMs: number;
  pdfBytes: number;
  htmlMs: number;
  htmlBytes: number;
}

export async function benchReports(samplesDir: string | undefined): Promise<ReportFigures[]> {
  const now = Date.now();
  const t = await startTestApp({
    analysis: {
      degradationCurrentMs: HISTORY_DAY,
      degradationBaselineMs: 3 * HISTORY_DAY - 60_000,
      anomalyLookbackMs: 5 * HISTORY_DAY,
    },
  });
  try {
    await t.app.analyzer.writer.submit(analysisHistory(now));
    await t.app.analysis.refresh();
    const insights = await t.app.inject({ url: '/analytics/insights', headers: bearer('viewer') });
    const first = (insights.json() as { items: { insight_id: string }[] }).items[0];
    if (first)
      await t.app.inject({
        method: 'POST',
        url: `/analytics/insights/${encodeURIComponent(first.insight_id)}/implementation`,
        headers: { ...bearer('editor'), 'content-type': 'application/json' },
        payload: { implemented_at: new Date(now - 2 * HISTORY_DAY).toISOString(), note: 'bench' },
      });
    if (samplesDir) mkdirSync(samplesDir, { recursive: true });
    const range = { from: now - 5 * HISTORY_DAY, to: now };
    const figures: ReportFigures[] = [];
    for (const template of REPORT_TEMPLATES) {
      const request = {
        template,
        from: range.from,
        to: range.to,
        workflow_id: template === 'workflow' ? DEGRADING_WORKFLOW : undefined,
      };
      await t.app.reports.render({ ...request, format: 'pdf' }); // warm: caches, font parsing
      const pdfStart = process.hrtime.bigint();
      const pdf = await t.app.reports.render({ ...request, format: 'pdf' });
      const pdfMs = Number(process.hrtime.bigint() - pdfStart) / 1e6;
      const htmlStart = process.hrtime.bigint();
      const html = await t.app.reports.render({ ...request, format: 'html' });
      const htmlMs = Number(process.hrtime.bigint() - htmlStart) / 1e6;
      if (samplesDir) {
        writeFileSync(join(samplesDir, `${template}.pdf`), pdf.body);
        writeFileSync(join(samplesDir, `${template}.html`), html.body);
      }
      figures.push({ template, pdfMs, pdfBytes: pdf.body.length, htmlMs, htmlBytes: html.body.length });
    }
    return figures;
  } finally {
    await t.close();
  }
}
