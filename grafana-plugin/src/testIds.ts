/** Every data-testid of the plugin, for jest and the browser harness. */
export const testIds = {
  appConfig: {
    container: 'rpa-app-config',
    analyzerUrl: 'rpa-app-config-analyzer-url',
    viewerToken: 'rpa-app-config-viewer-token',
    editorToken: 'rpa-app-config-editor-token',
    submit: 'rpa-app-config-submit',
  },
  state: {
    loading: 'rpa-state-loading',
    empty: 'rpa-state-empty',
    error: 'rpa-state-error',
  },
  overview: {
    container: 'rpa-overview',
    successRates: 'rpa-overview-success-rates',
    failures: 'rpa-overview-failures',
    topInsights: 'rpa-overview-top-insights',
  },
  workflow: {
    container: 'rpa-workflow',
    picker: 'rpa-workflow-picker',
    stats: 'rpa-workflow-stats',
    degradation: 'rpa-workflow-degradation',
    bottlenecks: 'rpa-workflow-bottlenecks',
    executions: 'rpa-workflow-executions',
    execution: 'rpa-workflow-execution',
  },
  insights: {
    container: 'rpa-insights',
    item: 'rpa-insights-item',
    markImplemented: 'rpa-insights-mark-implemented',
    workflowLink: 'rpa-insights-workflow-link',
  },
  anomalies: {
    container: 'rpa-anomalies',
    row: 'rpa-anomalies-row',
    group: 'rpa-anomalies-group',
    executionLink: 'rpa-anomalies-execution-link',
  },
  compare: {
    container: 'rpa-compare',
    workflows: 'rpa-compare-workflows',
    table: 'rpa-compare-table',
  },
  insightPanel: { container: 'rpa-insight-panel', item: 'rpa-insight-panel-item' },
  comparisonPanel: { container: 'rpa-comparison-panel', table: 'rpa-comparison-panel-table' },
  live: {
    container: 'rpa-live',
    running: 'rpa-live-running',
    runningRow: 'rpa-live-running-row',
    endedRow: 'rpa-live-ended-row',
    anomaly: 'rpa-live-anomaly',
    incident: 'rpa-live-incident',
  },
  nav: { container: 'rpa-nav' },
};
