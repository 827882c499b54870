/** What each empty section needs from the executor (contract.md; other languages send the same attributes). */
export const HINTS = {
  recoveries:
    'No recoveries reached the analyzer in this range. The executor reports each self-healing attempt as an rpa.recovery span under the step it heals, with rpa.recovery.strategy and rpa.recovery.outcome (recovered or failed): step.recordRecovery({ strategy, outcome }) in @rpa-analytics/instrumentation.',
  failuresAfterRecovery:
    'No execution failed after a successful recovery in this range: every healed step was followed by steps that completed.',
  drift:
    'No target had enough executions to test (10 per target in the range by default). Steps need rpa.step.target_element and rpa.step.confidence (0..1, the visual-match score): step.setConfidence(score) in @rpa-analytics/instrumentation. Without a range the test covers the week before now.',
  debt: 'No target was healed on 3 or more of the last 14 days and healed again in the last 48 hours: nothing keeps being healed instead of fixed.',
  timeSaved:
    'No finished executions in this range. Time saved counts completed runs of workflows whose manual minutes per case are set (editors set them below).',
  notConfigured:
    'No workflow has manual minutes per case yet, so nothing is counted as saved. An editor sets them with Settings on the workflow’s row (PUT /analytics/workflow-settings/{workflow_id}).',
  expectedRuns:
    'No workflow has an expected cadence yet: a cron in its settings, or at least 6 starts in the last 30 days so that the analyzer learns one.',
  queueTimes: 'No finished executions in this range.',
  noRequestTime:
    'No executor reported when its runs were requested, so there is no queue time. It needs rpa.execution.requested_at on the rpa.execution span (epoch ms or RFC 3339: when the run was requested): rpa.trackExecution({ workflowId, requestedAt }, …) in @rpa-analytics/instrumentation.',
} as const;
