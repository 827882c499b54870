/** What to do when a time range holds no data: shared by every page. */
export const NO_EXECUTIONS_HINT =
  'No executions reached the analyzer in this time range. Widen the time range, or instrument an executor with @rpa-analytics/instrumentation and point RPA_ANALYZER_URL at the analyzer.';
