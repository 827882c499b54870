import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { sparklinePath } from './chartScale';

const WIDTH = 120;
const HEIGHT = 20;

/** A percentage trend (0–100) in a table cell. */
export function Sparkline({ values, label }: { values: Array<number | null>; label: string }) {
  const styles = useStyles2(getStyles);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={label}>
      <path d={sparklinePath(values, WIDTH, HEIGHT)} className={styles.line} />
    </svg>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  line: css({ fill: 'none', stroke: theme.colors.success.main, strokeWidth: 1.5 }),
});
