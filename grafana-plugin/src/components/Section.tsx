import React, { type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

/** A titled block of a page. */
export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  const styles = useStyles2(getStyles);
  return (
    <section className={styles.section} data-testid={testId}>
      <h3 className={styles.title}>{title}</h3>
      {children}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(2),
    marginBottom: theme.spacing(2),
  }),
  title: css({ fontSize: theme.typography.h5.fontSize, marginBottom: theme.spacing(1.5) }),
});
