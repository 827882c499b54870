/** A stand-in for the report renderer (a collaborator of schedules and share links, not under test here). */
import type { RenderedReport, RenderReport, ReportRequest } from '../reports/report-request';

/** A small PDF-like body that names what was asked, so a test can tell which report it got. */
export function fakeReport(request: ReportRequest): RenderedReport {
  const text = `%PDF-1.4\n% ${request.template} ${request.format} ${request.from} ${request.to} ${request.workflow_id ?? '-'}\n%%EOF\n`;
  return {
    contentType: request.format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8',
    filename: `${request.template}-${request.from}-${request.to}.${request.format}`,
    body: Buffer.from(text),
  };
}

/**
 * A renderer that records its requests; `hold()` holds every render until released.
 * It renders with `delegate()` when that gives one (the real renderer), else fakeReport.
 */
export function recordingRenderer(delegate: () => RenderReport | undefined = () => undefined): {
  render: RenderReport;
  requests: ReportRequest[];
  hold(): () => void;
} {
  const requests: ReportRequest[] = [];
  let gate: Promise<void> | undefined;
  return {
    requests,
    render: async (request) => {
      requests.push(request);
      if (gate) await gate;
      const real = delegate();
      return real === undefined ? fakeReport(request) : real(request);
    },
    hold() {
      let release = () => {};
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
  };
}

/** A clock a test moves by hand. */
export function manualClock(start: number): {
  now: () => number;
  set(at: number): void;
  advance(ms: number): void;
} {
  let at = start;
  return { now: () => at, set: (to) => (at = to), advance: (ms) => (at += ms) };
}
