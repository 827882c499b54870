import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import type { StepMetrics } from '../../api/types';
import { formatMs } from '../format';
import { waterfallBars } from './chartScale';

const WIDTH = 600;
const LABEL = 120;
const ROW = 16;

/** An execution's steps as bars from its start: where the time went, and which step failed. */
export function StepWaterfall({ steps, testId }: { steps: StepMetrics[]; testId?: string }) {
  const styles = useStyles2(getStyles);
  const bars = waterfallBars(steps, WIDTH - LABEL);
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${Math.max(ROW, bars.length * ROW)}`}
      className={styles.svg}
      role="img"
      aria-label="Step waterfall"
      data-testid={testId}
    >
      {bars.map((b, i) => (
        <g key={b.key}>
          <text x={0} y={i * ROW + 11} className={styles.label}>
            {b.label}
          </text>
          <rect
            x={LABEL + b.x}
            y={i * ROW + 3}
            width={b.width}
            height={ROW - 6}
            className={b.failed ? styles.failed : styles.bar}
          >
            <title>{`${b.label}: ${formatMs(steps[i]!.duration_ms)}`}</title>
          </rect>
        </g>
      ))}
    </svg>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  svg: css({ width: '100%', maxWidth: WIDTH, height: 'auto', display: 'block', marginBottom: theme.spacing(1) }),
  bar: css({ fill: theme.colors.primary.main }),
  failed: css({ fill: theme.colors.error.main }),
  label: css({ fill: theme.colors.text.secondary, fontSize: 10 }),
});
