import React, { useEffect } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, useStyles2 } from '@grafana/ui';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import type { DeliveryLogEntry } from '../api/reportTypes';
import { useAnalyzerQuery } from '../api/useAnalyzerQuery';
import { formatTime } from '../components/format';
import { QueryStateView } from '../components/QueryStateView';
import { SimpleTable } from '../components/SimpleTable';
import { testIds } from '../testIds';

/** What the attempt left behind: a webhook's status code, an e-mail's recipients, a render's size. */
export function describeDetail(entry: DeliveryLogEntry): string {
  const d = entry.detail ?? {};
  const parts: string[] = [];
  if (typeof d.status_code === 'number') {
    parts.push(`HTTP ${d.status_code}`);
  }
  if (Array.isArray(d.accepted) && d.accepted.length > 0) {
    parts.push(`accepted: ${d.accepted.join(', ')}`);
  }
  if (Array.isArray(d.rejected) && d.rejected.length > 0) {
    parts.push(`rejected: ${d.rejected.join(', ')}`);
  }
  if (typeof d.filename === 'string') {
    parts.push(d.filename);
  }
  if (typeof d.size_bytes === 'number') {
    parts.push(`${(d.size_bytes / 1024).toFixed(1)} KiB`);
  }
  if (entry.retry_in_ms !== null) {
    parts.push(`retry in ${Math.round(entry.retry_in_ms / 1000)} s`);
  }
  return parts.join(' · ');
}

/** Every render and delivery attempt of one schedule, newest first. */
export function DeliveryLog({ scheduleId, refreshKey }: { scheduleId: string; refreshKey: number }) {
  const styles = useStyles2(getStyles);
  const client = useAnalyzerClient();
  const log = useAnalyzerQuery(() => client.deliveries(scheduleId, { limit: 50 }), scheduleId, { keepOnReload: true });
  const { reload } = log;
  // The section asks for a fresh log after a run (and while one goes on); the last one stays meanwhile.
  useEffect(() => {
    if (refreshKey > 0) {
      reload();
    }
  }, [refreshKey, reload]);
  const statusClass = (e: DeliveryLogEntry) =>
    e.status === 'succeeded' ? styles.ok : e.status === 'failed' ? styles.failed : styles.skipped;
  return (
    <div className={styles.log} data-testid={testIds.reports.deliveryLog}>
      <div className={styles.header}>
        <strong>Delivery log</strong>
        <Button size="sm" variant="secondary" fill="text" icon="sync" onClick={log.reload}>
          Refresh
        </Button>
      </div>
      <QueryStateView
        state={log}
        isEmpty={(page) => page.items.length === 0}
        emptyMessage="No deliveries yet"
        emptyHint="Each run logs its render and every delivery attempt here; use Run now to try it."
      >
        {(page) => (
          <SimpleTable
            rows={page.items}
            rowKey={(e) => e.id}
            rowTestId={testIds.reports.deliveryRow}
            columns={[
              { header: 'When', render: (e) => formatTime(e.at) },
              { header: 'Channel', render: (e) => e.channel },
              { header: 'Attempt', align: 'right', render: (e) => e.attempt },
              { header: 'Status', render: (e) => <span className={statusClass(e)}>{e.status}</span> },
              { header: 'Error', render: (e) => e.error ?? '' },
              { header: 'Detail', render: describeDetail },
            ]}
          />
        )}
      </QueryStateView>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  log: css({ padding: theme.spacing(1, 2, 2), background: theme.colors.background.secondary }),
  header: css({ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }),
  ok: css({ color: theme.colors.success.text }),
  failed: css({ color: theme.colors.error.text, fontWeight: theme.typography.fontWeightBold }),
  skipped: css({ color: theme.colors.text.secondary }),
});
