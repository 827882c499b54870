import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { sparklinePath } from './chartScale';

const WIDTH = 120;
const HEIGHT = 20;

/** A trend in a table cell: percentages (0–100) unless a domain is given. */
export function Sparkline({
  values,
  label,
  domain,
}: {
  values: Array<number | null>;
  label: string;
  domain?: readonly [number, number];
}) {
  const styles = useStyles2(getStyles);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={label}>
      <path d={sparklinePath(values, WIDTH, HEIGHT, domain)} className={styles.line} />
    </svg>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  line: css({ fill: 'none', stroke: theme.colors.success.main, strokeWidth: 1.5 }),
});
