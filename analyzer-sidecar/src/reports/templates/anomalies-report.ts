/** Anomalies and incidents whose episode overlaps the range, as the live analysis stored them. */
import { barChart } from '../charts/bar-chart';
import type { ReportDocument } from '../report-document';
import { formatNumber, formatRange, formatTime } from '../report-format';
import type { ReportSources } from '../report-sources';
import type { ReportRequest } from '../report-request';

/** A report lists at most this many of each (the export has them all). */
export const REPORT_LIST_LIMIT = 500;

function countBy<T>(items: readonly T[], key: (item: T) => string): { label: string; value: number }[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].map(([label, value]) => ({ label, value })).sort((a, b) => b.value - a.value);
}

export async function anomaliesReport(
  sources: ReportSources,
  request: ReportRequest,
): Promise<ReportDocument> {
  const query = {
    from: request.from,
    to: request.to,
    limit: REPORT_LIST_LIMIT,
    ...(request.workflow_id !== undefined && { workflowIds: [request.workflow_id] }),
  };
  const [anomalies, incidents] = await Promise.all([sources.anomalies(query), sources.incidents(query)]);
  const items = anomalies.items;
  const open = items.filter((a) => a.status === 'open').length;
  const cut = (shown: number, total: number) =>
    total > shown ? ` The ${shown} newest of ${total} are listed.` : '';
  return {
    title: 'Anomalies and incidents',
    subtitle: `${request.workflow_id ?? 'All workflows'} · ${formatRange(request.from, request.to)}`,
    generatedAt: sources.now(),
    summary: [
      ['Anomalies', formatNumber(anomalies.total)],
      ['Open now', formatNumber(open)],
      ['Incidents', formatNumber(incidents.total)],
      ['Workflows affected', formatNumber(new Set(items.map((a) => a.workflow_id)).size)],
    ],
    sections: [
      {
        heading: 'Anomalies per workflow',
        chart: barChart({
          title: 'Anomaly episodes per workflow',
          unit: 'episodes',
          bars: countBy(items, (a) => a.workflow_id),
          color: '#cc0000',
          integers: true,
        }),
      },
      {
        heading: 'Anomalies per metric',
        chart: barChart({
          title: 'Anomaly episodes per metric',
          unit: 'episodes',
          bars: countBy(items, (a) => a.metric_name),
          color: '#75507b',
          integers: true,
        }),
      },
      {
        heading: 'Incidents',
        text: `Correlated anomalies across workflows.${cut(incidents.items.length, incidents.total)}`,
        table: {
          columns: [
            { title: 'Started', width: 2.2 },
            { title: 'Status', width: 1.2 },
            { title: 'Severity', width: 1.2, align: 'right' },
            { title: 'Workflows', width: 4 },
            { title: 'Anomalies', width: 1.3, align: 'right' },
          ],
          rows: incidents.items.map((i) => [
            formatTime(i.started_at),
            i.status,
            i.severity.toFixed(2),
            i.workflow_ids.join(', '),
            String(i.anomalies.length),
          ]),
          empty: 'No incidents in this range.',
        },
      },
      {
        heading: 'Anomalies',
        text: `Newest first.${cut(items.length, anomalies.total)}`,
        table: {
          columns: [
            { title: 'Started', width: 2.6 },
            { title: 'Workflow', width: 1.8 },
            { title: 'Metric', width: 3.4 },
            { title: 'Status', width: 1.4 },
            { title: 'Severity', width: 1.5, align: 'right' },
            { title: 'Deviation', width: 1.6, align: 'right' },
            { title: 'Description', width: 4 },
          ],
          rows: items.map((a) => [
            formatTime(a.started_at),
            a.workflow_id,
            a.metric_name,
            a.status,
            a.severity.toFixed(2),
            `${a.deviation.toFixed(1)} σ`,
            a.description,
          ]),
          empty: 'No anomalies in this range.',
        },
      },
    ],
  };
}
