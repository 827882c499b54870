/** The report templates: what `GET /reports/templates` lists and what each one builds. */
import type { ReportDocument } from './report-document';
import type { ReportTemplate, ReportRequest } from './report-request';
import type { ReportSources } from './report-sources';
import { anomaliesReport } from './templates/anomalies-report';
import { fleetReport } from './templates/fleet-report';
import { insightsReport } from './templates/insights-report';
import { workflowReport } from './templates/workflow-report';

export interface TemplateParam {
  readonly name: string;
  readonly required: boolean;
  readonly description: string;
}

export interface TemplateDefinition {
  readonly template: ReportTemplate;
  readonly title: string;
  readonly description: string;
  readonly params: readonly TemplateParam[];
  readonly build: (sources: ReportSources, request: ReportRequest) => Promise<ReportDocument>;
}

const range: TemplateParam[] = [
  { name: 'from', required: false, description: 'Start, RFC 3339 or epoch ms (default: 7 days before `to`)' },
  { name: 'to', required: false, description: 'End, RFC 3339 or epoch ms (default: now)' },
  { name: 'format', required: false, description: 'pdf (default) or html' },
];
const optionalWorkflow: TemplateParam = {
  name: 'workflow_id',
  required: false,
  description: 'Only this workflow',
};

export const TEMPLATES: Readonly<Record<ReportTemplate, TemplateDefinition>> = {
  fleet: {
    template: 'fleet',
    title: 'Fleet overview',
    description:
      'Every workflow: volume, success rate, reliability rank, durations and success over time, top bottlenecks',
    params: range,
    build: fleetReport,
  },
  workflow: {
    template: 'workflow',
    title: 'Workflow report',
    description:
      "One workflow's performance statistics, duration and success trends, bottlenecks and failure categories",
    params: [...range, { name: 'workflow_id', required: true, description: 'The workflow' }],
    build: workflowReport,
  },
  anomalies: {
    template: 'anomalies',
    title: 'Anomalies and incidents',
    description: 'Anomaly episodes and correlated incidents overlapping the range, per workflow and metric',
    params: [...range, optionalWorkflow],
    build: anomaliesReport,
  },
  insights: {
    template: 'insights',
    title: 'Insights and their impact',
    description:
      'Insights by priority, and implemented ones with their measured impact against the expected change',
    params: [...range, optionalWorkflow],
    build: insightsReport,
  },
};
