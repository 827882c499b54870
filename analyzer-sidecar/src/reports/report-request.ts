export const REPORT_TEMPLATES = ['fleet', 'workflow', 'anomalies', 'insights'] as const;
export type ReportTemplate = (typeof REPORT_TEMPLATES)[number];
export type ReportFormat = 'pdf' | 'html';
export interface ReportRequest {
  template: ReportTemplate;
  format: ReportFormat;
  from: number;
  to: number;
  workflow_id?: string;
}
export interface RenderedReport {
  contentType: string;
  filename: string;
  body: Buffer;
}
export type RenderReport = (request: ReportRequest) => Promise<RenderedReport>;
