/** The real `RenderReport`: a template's document, rendered as PDF or standalone HTML. */
import { renderPdf } from './pdf/render-pdf';
import { renderHtml } from './render-html';
import type { RenderReport } from './report-request';
import type { ReportSources } from './report-sources';
import { TEMPLATES } from './report-templates';

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
}

export function createReportRenderer(sources: ReportSources): RenderReport {
  return async (request) => {
    const document = await TEMPLATES[request.template].build(sources, request);
    const name = [request.template, request.workflow_id, stamp(request.from), stamp(request.to)]
      .filter((part) => part !== undefined)
      .join('-')
      .replace(/[^A-Za-z0-9._-]+/g, '_');
    if (request.format === 'html')
      return {
        contentType: 'text/html; charset=utf-8',
        filename: `${name}.html`,
        body: Buffer.from(renderHtml(document)),
      };
    return { contentType: 'application/pdf', filename: `${name}.pdf`, body: await renderPdf(document) };
  };
}
