import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, LinkButton, Stack, useStyles2 } from '@grafana/ui';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import type { ReportTemplateInfo } from '../api/reportTypes';
import type { ReportFormat } from '../api/types';
import { testIds } from '../testIds';
import type { PageScope } from '../sharing/pageScope';
import { ShareLinkModal } from '../sharing/ShareLinkModal';

interface Props {
  templates: ReportTemplateInfo[];
  from: number;
  to: number;
  workflowId: string | undefined;
  /** Editors also get a share link per report. */
  canShare: boolean;
  /** After the share dialog closes (its links may have changed). */
  onShared: () => void;
}

/** The workflow template needs its one workflow; the others narrow to it when one is chosen. */
function needsWorkflow(t: ReportTemplateInfo): boolean {
  return t.params.some((p) => p.name === 'workflow_id' && p.required);
}

/** Each report template for the chosen range and workflow, as a PDF download or an HTML page. */
export function ReportTemplates({ templates, from, to, workflowId, canShare, onShared }: Props) {
  const styles = useStyles2(getStyles);
  const client = useAnalyzerClient();
  const [sharing, setSharing] = useState<PageScope>();
  // The fleet report covers every workflow; the others narrow to the chosen one (downloads and links alike).
  const narrowedTo = (t: ReportTemplateInfo) => (t.template === 'fleet' ? undefined : workflowId);
  const url = (t: ReportTemplateInfo, format: ReportFormat) =>
    client.reportUrl(t.template, format, { from, to, workflowId: narrowedTo(t) });

  return (
    <div className={styles.grid}>
      {templates.map((t) => {
        const blocked = needsWorkflow(t) && !workflowId;
        return (
          <div key={t.template} className={styles.card} data-testid={`${testIds.reports.template}-${t.template}`}>
            <h4 className={styles.title}>{t.title}</h4>
            <p className={styles.description}>
              {t.description}
              {blocked && <span className={styles.hint}>Choose a workflow above for this report.</span>}
            </p>
            <Stack gap={1} wrap="wrap">
              {/* Plain links with a target: the browser downloads (the PDF is an attachment) with the
                  session's auth, and Grafana does not route them inside its app. */}
              <LinkButton
                icon="download-alt"
                href={url(t, 'pdf')}
                target="_self"
                disabled={blocked}
                data-testid={`${testIds.reports.templateDownload}-${t.template}`}
              >
                Download PDF
              </LinkButton>
              <LinkButton
                variant="secondary"
                icon="external-link-alt"
                href={url(t, 'html')}
                target="_blank"
                rel="noopener noreferrer"
                disabled={blocked}
                data-testid={`${testIds.reports.templateHtml}-${t.template}`}
              >
                Open HTML
              </LinkButton>
              {canShare && (
                <Button
                  variant="secondary"
                  icon="share-alt"
                  disabled={blocked}
                  onClick={() =>
                    setSharing({
                      datasets: [],
                      report: t.template,
                      from,
                      to,
                      workflowIds: workflowId ? [workflowId] : undefined,
                      reportWorkflowId: narrowedTo(t),
                    })
                  }
                  data-testid={`${testIds.sharing.shareButton}-${t.template}`}
                >
                  Share link
                </Button>
              )}
            </Stack>
          </div>
        );
      })}
      {sharing && (
        <ShareLinkModal
          scope={sharing}
          onDismiss={() => {
            setSharing(undefined);
            onShared();
          }}
        />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  grid: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(480px, 1fr))',
    gap: theme.spacing(1),
  }),
  card: css({
    display: 'flex',
    flexDirection: 'column',
    padding: theme.spacing(2),
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
  }),
  title: css({ fontSize: theme.typography.h5.fontSize, marginBottom: theme.spacing(1) }),
  description: css({ flex: 1, color: theme.colors.text.secondary, marginBottom: theme.spacing(2) }),
  hint: css({ display: 'block', color: theme.colors.warning.text, marginTop: theme.spacing(0.5) }),
});
