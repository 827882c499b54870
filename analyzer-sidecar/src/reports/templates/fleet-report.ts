/** Fleet overview: every workflow's volume and success, durations and success over time, where step time goes. */
import type { ReportDocument } from '../report-document';
import { formatMs, formatNumber, formatPercent, formatRange } from '../report-format';
import type { ReportSources } from '../report-sources';
import type { ReportRequest } from '../report-request';
import { bottleneckBars, durationChart, successTrendChart, trendWindowMs } from './shared-charts';

export async function fleetReport(sources: ReportSources, request: ReportRequest): Promise<ReportDocument> {
  const range = { from: request.from, to: request.to };
  const [rates, reliability, nodes, durations] = await Promise.all([
    sources.successRates(range),
    sources.reliability(range),
    sources.nodeSummaries(range),
    durationChart(sources, range),
  ]);
  const windows = await sources.successRateWindows(
    rates.map((r) => r.workflow_id),
    range,
    trendWindowMs(range.from, range.to),
  );
  const completed = rates.reduce((n, r) => n + r.completed, 0);
  const failed = rates.reduce((n, r) => n + r.failed, 0);
  const rankOf = new Map(reliability.map((r) => [r.workflow_id, r]));
  const slowest = [...nodes].sort((a, b) => b.total_duration_ms - a.total_duration_ms).slice(0, 15);
  return {
    title: 'Fleet overview',
    subtitle: `All workflows · ${formatRange(range.from, range.to)}`,
    generatedAt: sources.now(),
    summary: [
      ['Workflows', formatNumber(rates.length)],
      ['Finished executions', formatNumber(completed + failed)],
      ['Failed', formatNumber(failed)],
      ['Success rate', formatPercent(completed + failed ? (100 * completed) / (completed + failed) : null)],
    ],
    sections: [
      { heading: 'Durations over time', text: 'Completed executions, all workflows.', chart: durations },
      {
        heading: 'Success-rate trend',
        chart: successTrendChart(windows, range, 'Success rate per window, all workflows'),
      },
      {
        heading: 'Top bottlenecks',
        text: 'Steps by total time spent in the range (completed steps), across workflows.',
        chart: bottleneckBars(
          'Step time by node',
          slowest
            .slice(0, 10)
            .map((n) => ({ label: `${n.workflow_id} / ${n.node_id}`, value: n.total_duration_ms / 1000 })),
          'seconds in total',
        ),
        table: {
          columns: [
            { title: 'Workflow', width: 3 },
            { title: 'Node', width: 3 },
            { title: 'Action', width: 2 },
            { title: 'Steps', width: 1.5, align: 'right' },
            { title: 'Average', width: 1.5, align: 'right' },
            { title: 'p95', width: 1.5, align: 'right' },
            { title: 'Total', width: 1.5, align: 'right' },
          ],
          rows: slowest.map((n) => [
            n.workflow_id,
            n.node_id,
            n.action_type,
            formatNumber(n.count),
            formatMs(n.avg_duration_ms),
            formatMs(n.p95_duration_ms),
            formatMs(n.total_duration_ms),
          ]),
          empty: 'No completed steps in this range.',
        },
      },
      {
        heading: 'Workflows',
        text: 'Success rate = completed / (completed + failed); reliability rank from the success rate’s lower bound and duration spread.',
        table: {
          columns: [
            { title: 'Workflow', width: 4 },
            { title: 'Finished', width: 1.5, align: 'right' },
            { title: 'Completed', width: 1.5, align: 'right' },
            { title: 'Failed', width: 1.5, align: 'right' },
            { title: 'Success', width: 1.5, align: 'right' },
            { title: 'Reliability rank', width: 1.5, align: 'right' },
          ],
          rows: [...rates]
            .sort(
              (a, b) =>
                (rankOf.get(a.workflow_id)?.rank ?? Infinity) - (rankOf.get(b.workflow_id)?.rank ?? Infinity),
            )
            .map((r) => [
              r.workflow_id,
              formatNumber(r.total),
              formatNumber(r.completed),
              formatNumber(r.failed),
              formatPercent(r.success_rate),
              String(rankOf.get(r.workflow_id)?.rank ?? '–'),
            ]),
          empty: 'No finished executions in this range.',
        },
      },
    ],
  };
}
