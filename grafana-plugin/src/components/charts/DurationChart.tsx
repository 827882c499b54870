import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import type { Anomaly, ExecutionMetrics } from '../../api/types';
import { formatMs } from '../format';
import { bandOf, CHART_BOX, domainOf, xOf, yOf } from './chartScale';

interface Props {
  executions: ExecutionMetrics[];
  anomalies: Anomaly[];
  testId?: string;
}

/** Execution durations over time (failed runs in red), with the anomalies' episodes as bands behind them. */
export function DurationChart({ executions, anomalies, testId }: Props) {
  const styles = useStyles2(getStyles);
  const points = executions
    .filter((e) => e.duration_ms !== null)
    .map((e) => ({ t: Date.parse(e.started_at), v: e.duration_ms as number, failed: e.status === 'failed' }))
    .sort((a, b) => a.t - b.t);
  const d = domainOf(points);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${xOf(p.t, d).toFixed(1)},${yOf(p.v, d).toFixed(1)}`);
  return (
    <svg
      viewBox={`0 0 ${CHART_BOX.width} ${CHART_BOX.height}`}
      className={styles.svg}
      role="img"
      aria-label="Execution durations over time"
      data-testid={testId}
    >
      {anomalies.map((a) => {
        const band = bandOf(Date.parse(a.started_at), Date.parse(a.ended_at), d);
        return (
          <rect
            key={a.anomaly_id}
            x={band.x}
            width={band.width}
            y={0}
            height={CHART_BOX.height - CHART_BOX.bottom}
            className={a.severity >= 0.7 ? styles.bandHigh : styles.band}
          >
            <title>{a.description}</title>
          </rect>
        );
      })}
      <path d={path.join(' ')} className={styles.line} />
      {points
        .filter((p) => p.failed)
        .map((p) => (
          <circle key={p.t} cx={xOf(p.t, d)} cy={yOf(p.v, d)} r={2.5} className={styles.failed} />
        ))}
      <text x={0} y={10} className={styles.label}>
        {formatMs(d.max)}
      </text>
      <text x={0} y={CHART_BOX.height - CHART_BOX.bottom} className={styles.label}>
        0
      </text>
    </svg>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  svg: css({ width: '100%', height: 'auto', display: 'block' }),
  line: css({ fill: 'none', stroke: theme.colors.primary.main, strokeWidth: 1.2 }),
  failed: css({ fill: theme.colors.error.main }),
  band: css({ fill: theme.colors.warning.transparent }),
  bandHigh: css({ fill: theme.colors.error.transparent }),
  label: css({ fill: theme.colors.text.secondary, fontSize: 10 }),
});
