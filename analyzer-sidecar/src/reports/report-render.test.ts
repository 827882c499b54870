/**
 * Property 16, reports: every template renders to a PDF that an independent
 * parser (pdf.js, in its own process) opens, with its embedded font, its
 * charts (vector paths) and its tables' text, the header row repeated on each
 * page a long table reaches; and to standalone HTML with the same charts inline.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPdf } from '../test-support/read-back';
import { FIXTURE_FROM, FIXTURE_TO, fixtureSources, HOSTILE } from '../test-support/report-fixtures';
import { createReportRenderer } from './report-renderer';
import { REPORT_TEMPLATES, type ReportTemplate } from './report-request';

/** Text each template's PDF must show: chart titles and table cells. */
const MUST_SHOW: Record<ReportTemplate, string[]> = {
  fleet: [
    'Execution duration per day',
    'Success rate per window',
    'Step time by node',
    'wf-payroll',
    'Reliability',
  ],
  workflow: [
    'Execution duration per day',
    'Average step duration by node',
    'search',
    'element_not_found',
    'Element #submit not found',
  ],
  anomalies: ['Anomaly episodes per workflow', 'anomaly row 149', 'execution_duration_ms', HOSTILE],
  insights: ['Priority score, top insights', 'Realized share of the expected change', 'partial', HOSTILE],
};

describe('report rendering', () => {
  let dir: string;
  const render = createReportRenderer(fixtureSources());
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rpa-report-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const compact = (text: string) => text.replace(/\s+/g, '');

  it.each(REPORT_TEMPLATES)('%s: a PDF with embedded font, charts and tables', async (template) => {
    const report = await render({
      template,
      format: 'pdf',
      from: FIXTURE_FROM,
      to: FIXTURE_TO,
      workflow_id: template === 'workflow' ? 'wf-orders' : undefined,
    });
    expect(report.contentType).toBe('application/pdf');
    expect(report.filename).toMatch(new RegExp(`^${template}-.*\\.pdf$`));
    const file = join(dir, `${template}.pdf`);
    writeFileSync(file, report.body);
    const pdf = await readPdf(file);
    expect(pdf.numPages).toBeGreaterThanOrEqual(1);
    expect(pdf.embeddedFonts).toBeGreaterThanOrEqual(1);
    const all = compact(pdf.pages.map((p) => p.text).join(' '));
    for (const text of MUST_SHOW[template]) expect(all).toContain(compact(text));
    // charts are vector drawings (axes, grid lines, bars, series): at least 8 paths each, beside the tables'
    const charts = template === 'fleet' || template === 'workflow' ? 3 : 2;
    expect(pdf.pages.reduce((n, p) => n + p.paths, 0)).toBeGreaterThanOrEqual(8 * charts);
    expect(pdf.pages.reduce((n, p) => n + p.paints, 0)).toBeGreaterThanOrEqual(8 * charts);
    expect(pdf.pages.every((p) => p.images === 0)).toBe(true); // vector, not pictures of charts
  });

  it('repeats a long table’s header row on every page it reaches', async () => {
    const report = await render({ template: 'anomalies', format: 'pdf', from: FIXTURE_FROM, to: FIXTURE_TO });
    const file = join(dir, 'long.pdf');
    writeFileSync(file, report.body);
    const pdf = await readPdf(file);
    const withRows = pdf.pages.filter((p) => /anomaly row \d+/.test(p.text));
    expect(withRows.length).toBeGreaterThanOrEqual(3);
    for (const page of withRows) {
      // 'Deviation' and 'Description' are column titles only: each page of rows starts with them
      expect(page.text).toContain('Deviation');
      expect(page.text).toContain('Description');
    }
    const first = withRows[0]!.text;
    expect(first.indexOf('Deviation')).toBeLessThan(first.search(/anomaly row \d+/));
  });

  it.each(REPORT_TEMPLATES)(
    '%s: standalone HTML with inline SVG charts and escaped text',
    async (template) => {
      const report = await render({
        template,
        format: 'html',
        from: FIXTURE_FROM,
        to: FIXTURE_TO,
        workflow_id: template === 'workflow' ? 'wf-orders' : undefined,
      });
      const html = report.body.toString('utf8');
      expect(report.contentType).toBe('text/html; charset=utf-8');
      expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(
        template === 'workflow' || template === 'fleet' ? 3 : 2,
      );
      expect(html).toContain('<table>');
      // nothing fetched from elsewhere: no script, no src/href, no url()
      expect(html).not.toMatch(/<script|\ssrc=|\shref=|url\(|@import/i);
      if (template === 'anomalies' || template === 'insights')
        expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)');
    },
  );
});
