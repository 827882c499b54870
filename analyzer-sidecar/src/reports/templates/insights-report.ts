/** Insights by priority, and the implemented ones with their measured impact against what they expected. */
import type { TrackedInsight } from '../../services/insight-tracking';
import { barChart } from '../charts/bar-chart';
import type { ReportDocument } from '../report-document';
import { formatNumber, formatPercent, formatRange, formatTime } from '../report-format';
import type { ReportSources } from '../report-sources';
import type { ReportRequest } from '../report-request';

/** Raised in the range, or implemented in it (its impact is what the range measured). */
function inRange(insight: TrackedInsight, from: number, to: number): boolean {
  const at = insight.implementation?.implemented_at;
  return (
    (insight.created_at >= from && insight.created_at < to) || (at !== undefined && at >= from && at < to)
  );
}

export async function insightsReport(
  sources: ReportSources,
  request: ReportRequest,
): Promise<ReportDocument> {
  const all = await sources.insights(request.workflow_id === undefined ? undefined : [request.workflow_id]);
  const insights = all.filter((i) => inRange(i, request.from, request.to));
  const implemented = insights.filter((i) => i.implementation !== null);
  const met = implemented.filter((i) => i.implementation?.impact.verdict === 'met').length;
  return {
    title: 'Insights and their impact',
    subtitle: `${request.workflow_id ?? 'All workflows'} · ${formatRange(request.from, request.to)}`,
    generatedAt: sources.now(),
    summary: [
      ['Insights', formatNumber(insights.length)],
      ['Implemented', formatNumber(implemented.length)],
      ['Impact met', formatNumber(met)],
      ['Top priority', insights[0] ? insights[0].priority_score.toFixed(2) : '–'],
    ],
    sections: [
      {
        heading: 'What to fix first',
        chart: barChart({
          title: 'Priority score, top insights',
          unit: 'priority score',
          bars: insights
            .slice(0, 10)
            .map((i) => ({ label: `${i.workflow_id}: ${i.title}`, value: i.priority_score })),
          color: '#4e9a06',
        }),
        table: {
          columns: [
            { title: 'Priority', width: 1.6, align: 'right' },
            { title: 'Workflow', width: 2 },
            { title: 'Category', width: 2.2 },
            { title: 'Insight', width: 4 },
            { title: 'Recommendation', width: 5 },
            { title: 'Expected impact', width: 3 },
            { title: 'Ease', width: 1.2 },
          ],
          rows: insights.map((i) => [
            i.priority_score.toFixed(2),
            i.workflow_id,
            i.category,
            i.title,
            i.recommendation,
            i.expected_impact,
            i.ease_of_implementation,
          ]),
          empty: 'No insights in this range.',
        },
      },
      {
        heading: 'Measured impact of implemented insights',
        text: 'The targeted metric over the period after implementation, against the change the insight expected (realized = actual change / expected change).',
        chart: barChart({
          title: 'Realized share of the expected change',
          unit: '% of expected',
          bars: implemented.map((i) => ({
            label: `${i.workflow_id}: ${i.title}`,
            value: 100 * (i.implementation?.impact.realized_ratio ?? 0),
          })),
          color: '#06989a',
        }),
        table: {
          columns: [
            { title: 'Insight', width: 4 },
            { title: 'Implemented', width: 2.2 },
            { title: 'Metric', width: 2.2 },
            { title: 'Baseline', width: 1.5, align: 'right' },
            { title: 'Expected', width: 1.5, align: 'right' },
            { title: 'Actual', width: 1.5, align: 'right' },
            { title: 'Realized', width: 1.5, align: 'right' },
            { title: 'Verdict', width: 1.4 },
          ],
          rows: implemented.map((i) => {
            const impl = i.implementation!;
            const impact = impl.impact;
            return [
              i.title,
              formatTime(impl.implemented_at),
              impact.metric,
              formatNumber(impact.baseline_value),
              formatNumber(impact.expected_value),
              formatNumber(impact.actual_value),
              formatPercent(impact.realized_ratio === null ? null : 100 * impact.realized_ratio, 0),
              impact.verdict,
            ];
          }),
          empty: 'No insight was implemented in this range.',
        },
      },
    ],
  };
}
