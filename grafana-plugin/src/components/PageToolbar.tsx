import React, { type ReactNode } from 'react';
import { css } from '@emotion/css';
import { dateTime, type GrafanaTheme2, type TimeRange } from '@grafana/data';
import { TimeRangePicker, useStyles2 } from '@grafana/ui';

interface Props {
  timeRange: TimeRange;
  onChange: (range: TimeRange) => void;
  children?: ReactNode;
  /** Page actions (export, share) beside the time picker. */
  actions?: ReactNode;
}

/** Page controls on the left, Grafana's time picker on the right. */
export function PageToolbar({ timeRange, onChange, children, actions }: Props) {
  const styles = useStyles2(getStyles);
  const span = timeRange.to.valueOf() - timeRange.from.valueOf();
  const moveTo = (fromMs: number, toMs: number) => {
    const from = dateTime(fromMs);
    const to = dateTime(toMs);
    onChange({ from, to, raw: { from, to } });
  };
  const shift = (direction: -1 | 1) =>
    moveTo(timeRange.from.valueOf() + (direction * span) / 2, timeRange.to.valueOf() + (direction * span) / 2);
  const zoomOut = () => moveTo(timeRange.from.valueOf() - span / 2, timeRange.to.valueOf() + span / 2);
  return (
    <div className={styles.toolbar}>
      <div className={styles.controls}>{children}</div>
      <div className={styles.controls}>
        {actions}
        <TimeRangePicker
          value={timeRange}
          onChange={onChange}
          onChangeTimeZone={() => undefined}
          onMoveBackward={() => shift(-1)}
          onMoveForward={() => shift(1)}
          onZoom={zoomOut}
        />
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  toolbar: css({
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'flex-end',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
    flexWrap: 'wrap',
  }),
  controls: css({ display: 'flex', gap: theme.spacing(2), alignItems: 'flex-end', flexWrap: 'wrap' }),
});
