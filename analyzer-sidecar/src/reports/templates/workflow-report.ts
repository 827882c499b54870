/** One workflow: its performance statistics, trends, bottlenecks and failure categories. */
import type { ReportDocument } from '../report-document';
import { formatMs, formatNumber, formatPercent, formatRange } from '../report-format';
import type { ReportSources } from '../report-sources';
import type { ReportRequest } from '../report-request';
import { bottleneckBars, durationChart, successTrendChart, trendWindowMs } from './shared-charts';

export async function workflowReport(
  sources: ReportSources,
  request: ReportRequest,
): Promise<ReportDocument> {
  const workflowId = request.workflow_id ?? '';
  const range = { from: request.from, to: request.to };
  const scoped = { ...range, workflowIds: [workflowId] };
  const [stats, rates, bottlenecks, failures, durations, windows] = await Promise.all([
    sources.performance(workflowId, range),
    sources.successRates(scoped),
    sources.bottlenecks(workflowId, range),
    sources.failures(scoped),
    durationChart(sources, scoped),
    sources.successRateWindows([workflowId], range, trendWindowMs(range.from, range.to)),
  ]);
  const rate = rates.find((r) => r.workflow_id === workflowId);
  return {
    title: `Workflow ${workflowId}`,
    subtitle: `Workflow report · ${formatRange(range.from, range.to)}`,
    generatedAt: sources.now(),
    summary: [
      ['Completed executions', formatNumber(stats.execution_count)],
      ['Success rate', formatPercent(rate?.success_rate)],
      ['Median duration', formatMs(stats.median_duration_ms)],
      ['p95 duration', formatMs(stats.p95_duration_ms)],
      ['Average', formatMs(stats.avg_duration_ms)],
      ['p99 duration', formatMs(stats.p99_duration_ms)],
      ['Fastest', formatMs(stats.min_duration_ms)],
      ['Slowest', formatMs(stats.max_duration_ms)],
    ],
    sections: [
      { heading: 'Durations over time', chart: durations },
      {
        heading: 'Success-rate trend',
        chart: successTrendChart(windows, range, `Success rate per window, ${workflowId}`),
      },
      {
        heading: 'Top bottlenecks',
        text: 'Nodes by average duration (completed steps), with their share of the workflow’s step time.',
        chart: bottleneckBars(
          'Average step duration by node',
          bottlenecks.slice(0, 10).map((b) => ({ label: b.node_id, value: b.avg_duration_ms })),
          'milliseconds',
        ),
        table: {
          columns: [
            { title: 'Rank', width: 1, align: 'right' },
            { title: 'Node', width: 4 },
            { title: 'Action', width: 2 },
            { title: 'Steps', width: 1.5, align: 'right' },
            { title: 'Average', width: 1.5, align: 'right' },
            { title: 'p95', width: 1.5, align: 'right' },
            { title: 'Share of time', width: 1.8, align: 'right' },
          ],
          rows: bottlenecks.map((b) => [
            String(b.rank),
            b.node_id,
            b.action_type,
            formatNumber(b.count),
            formatMs(b.avg_duration_ms),
            formatMs(b.p95_duration_ms),
            formatPercent(100 * b.share_of_execution_time),
          ]),
          empty: 'No completed steps in this range.',
        },
      },
      {
        heading: 'Failures by category',
        table: {
          columns: [
            { title: 'Category', width: 2 },
            { title: 'Failures', width: 1, align: 'right' },
            { title: 'Example', width: 6 },
          ],
          rows: failures.categories.map((c) => [
            c.category,
            formatNumber(c.count),
            c.examples[0]?.message ?? c.examples[0]?.error_type ?? '',
          ]),
          empty: 'No failed executions in this range.',
        },
      },
    ],
  };
}
