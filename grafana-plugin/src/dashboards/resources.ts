import { dashboard, PanelIds, promTarget, timeseries } from './builders';
import type { Dashboard } from './model';

/**
 * OpenTelemetry semantic-convention gauges as scraped; the optional unit suffix
 * covers exporters that append it (`_bytes`, `_ratio`).
 */
const metric = (name: string, suffix: string) => `{__name__=~"${name}(_${suffix})?"}`;

export function resources(): Dashboard {
  const ids = new PanelIds();
  return dashboard({
    uid: 'rpa-resources',
    title: 'RPA Resources',
    description: 'CPU, memory, disk and GPU of the machines that run executors',
    panels: [
      timeseries(ids, {
        title: 'Process CPU',
        gridPos: { x: 0, y: 0, w: 12, h: 8 },
        unit: 'percentunit',
        targets: [promTarget('A', `avg by (instance) (${metric('process_cpu_utilization', 'ratio')})`, '{{instance}}')],
      }),
      timeseries(ids, {
        title: 'System CPU',
        gridPos: { x: 12, y: 0, w: 12, h: 8 },
        unit: 'percentunit',
        targets: [promTarget('A', `avg by (instance) (${metric('system_cpu_utilization', 'ratio')})`, '{{instance}}')],
      }),
      timeseries(ids, {
        title: 'Process memory',
        gridPos: { x: 0, y: 8, w: 12, h: 8 },
        unit: 'bytes',
        targets: [promTarget('A', `sum by (instance) (${metric('process_memory_usage', 'bytes')})`, '{{instance}}')],
      }),
      timeseries(ids, {
        title: 'System memory by state',
        gridPos: { x: 12, y: 8, w: 12, h: 8 },
        unit: 'bytes',
        stack: true,
        targets: [
          promTarget(
            'A',
            `sum by (instance, system_memory_state) (${metric('system_memory_usage', 'bytes')})`,
            '{{instance}} {{system_memory_state}}'
          ),
        ],
      }),
      timeseries(ids, {
        title: 'Disk IO',
        gridPos: { x: 0, y: 16, w: 12, h: 8 },
        unit: 'Bps',
        targets: [
          promTarget(
            'A',
            `sum by (instance, disk_io_direction) (rate({__name__=~"system_disk_io(_bytes)?_total"}[$__rate_interval]))`,
            '{{instance}} {{disk_io_direction}}'
          ),
        ],
      }),
      timeseries(ids, {
        title: 'GPU utilization and memory',
        gridPos: { x: 12, y: 16, w: 12, h: 8 },
        unit: 'percentunit',
        targets: [
          promTarget(
            'A',
            `avg by (instance, hw_id) (${metric('hw_gpu_utilization', 'ratio')})`,
            '{{instance}} {{hw_id}}'
          ),
          promTarget(
            'B',
            `sum by (instance, hw_id) (${metric('hw_gpu_memory_usage', 'bytes')})`,
            'memory {{instance}} {{hw_id}}'
          ),
        ],
      }),
      timeseries(ids, {
        title: 'Executions running (load context)',
        gridPos: { x: 0, y: 24, w: 24, h: 6 },
        unit: 'short',
        targets: [
          promTarget(
            'A',
            'sum by (rpa_workflow_id) (rpa_executions_active{rpa_workflow_id=~"$workflow"})',
            '{{rpa_workflow_id}}'
          ),
        ],
      }),
    ],
  });
}
