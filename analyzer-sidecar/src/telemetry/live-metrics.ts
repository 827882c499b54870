/** Metrics of live analysis (`rpa_analyzer_*`), on the app's own Registry. */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export function createLiveMetrics(
  registry: Registry,
  sources: { running: () => number; streams: () => number },
) {
  const registers = [registry];
  new Gauge({
    name: 'rpa_analyzer_executions_running',
    help: 'Executions started (marker or first step) and not yet ended',
    registers,
    collect() {
      this.set(sources.running());
    },
  });
  new Gauge({
    name: 'rpa_analyzer_stream_clients',
    help: 'Clients connected to the event stream (SSE and WebSocket)',
    registers,
    collect() {
      this.set(sources.streams());
    },
  });
  return {
    detectionDuration: new Histogram({
      name: 'rpa_analyzer_detection_duration_seconds',
      help: 'Time of one detection pass on committed rows (judging, correlating, storing)',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    anomaliesOpened: new Counter({
      name: 'rpa_analyzer_anomalies_opened_total',
      help: 'Anomalies opened by detection on commit, by kind',
      labelNames: ['kind'],
      registers,
    }),
    alertPushes: new Counter({
      name: 'rpa_analyzer_alert_pushes_total',
      help: 'Posts of the analyzer alerts to Alertmanager, by outcome',
      labelNames: ['outcome'],
      registers,
    }),
  };
}

export type LiveMetrics = ReturnType<typeof createLiveMetrics>;
