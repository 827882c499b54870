import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, ClipboardButton, Field, Input, Modal, RadioButtonGroup, Stack, useStyles2 } from '@grafana/ui';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import { describeError } from '../api/describeError';
import { useHost } from '../api/HostContext';
import type { CreatedShareLink, ReportFormat, ShareLink } from '../api/types';
import { useAnalyzerQuery } from '../api/useAnalyzerQuery';
import { formatTime } from '../components/format';
import { QueryStateView } from '../components/QueryStateView';
import { DataTable } from '../components/DataTable';
import { testIds } from '../testIds';
import { publicShareUrl, shareTarget, type PageScope } from './pageScope';

/** The analyzer's bounds for `expires_in_days`. */
export const DEFAULT_EXPIRY_DAYS = 7;
export const MAX_EXPIRY_DAYS = 90;

const FORMAT_OPTIONS: Array<{ label: string; value: ReportFormat }> = [
  { label: 'PDF', value: 'pdf' },
  { label: 'HTML', value: 'html' },
];

function describeTarget(link: ShareLink): string {
  const t = link.target;
  const what = `${t.template}${t.workflow_id ? ` (${t.workflow_id})` : ''}, ${(t.format ?? 'pdf').toUpperCase()}`;
  return `${what}: ${formatTime(new Date(t.from).toISOString())} – ${formatTime(new Date(t.to).toISOString())}`;
}

function isActive(link: ShareLink, now: number): boolean {
  return !link.revoked_at && Date.parse(link.expires_at) > now;
}

/** Creates a read-only link to the page's report (its token is shown once) and lists the user's links to revoke. */
export function ShareLinkModal({ scope, onDismiss }: { scope: PageScope; onDismiss: () => void }) {
  const styles = useStyles2(getStyles);
  const client = useAnalyzerClient();
  const host = useHost();
  const [format, setFormat] = useState<ReportFormat>('pdf');
  const [days, setDays] = useState(String(DEFAULT_EXPIRY_DAYS));
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedShareLink>();
  const [error, setError] = useState<string>();
  const links = useAnalyzerQuery(() => client.shareLinks(), 'share-links');

  const expiresInDays = Number(days);
  const daysValid = Number.isInteger(expiresInDays) && expiresInDays >= 1 && expiresInDays <= MAX_EXPIRY_DAYS;

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      links.reload();
    } catch (e) {
      const { title, hint } = describeError(e);
      setError(`${title}. ${hint}`);
    } finally {
      setBusy(false);
    }
  };
  const create = () =>
    run(async () => setCreated(await client.createShareLink(shareTarget(scope, format), expiresInDays)));
  const revoke = (linkId: string) => run(() => client.revokeShareLink(linkId));
  const shownUrl = created ? publicShareUrl(created.url, host.analyzerUrl) : undefined;

  return (
    <Modal title="Share link" isOpen onDismiss={onDismiss}>
      <div data-testid={testIds.sharing.shareModal}>
        <p className={styles.note}>
          Anyone with the link can open this page&apos;s report for this time range, read-only, until it expires or you
          revoke it.
        </p>
        <Stack gap={2} alignItems="flex-end" wrap="wrap">
          <Field label="Format">
            <RadioButtonGroup options={FORMAT_OPTIONS} value={format} onChange={setFormat} />
          </Field>
          <Field
            label="Expires after (days)"
            invalid={!daysValid}
            error={daysValid ? undefined : `A whole number from 1 to ${MAX_EXPIRY_DAYS}`}
          >
            <Input
              type="number"
              min={1}
              max={MAX_EXPIRY_DAYS}
              width={12}
              value={days}
              onChange={(e) => setDays(e.currentTarget.value)}
            />
          </Field>
          <Field>
            <Button onClick={create} disabled={busy || !daysValid} data-testid={testIds.sharing.shareCreate}>
              Create link
            </Button>
          </Field>
        </Stack>
        {error && (
          <div data-testid={testIds.sharing.shareError}>
            <Alert severity="error" title="The analyzer refused">
              {error}
            </Alert>
          </div>
        )}
        {created && shownUrl && (
          <Alert severity="success" title="Copy the link now: it is shown only this once">
            <Stack gap={1}>
              <Input readOnly value={shownUrl} data-testid={testIds.sharing.shareUrl} />
              <ClipboardButton icon="copy" variant="primary" getText={() => shownUrl}>
                Copy
              </ClipboardButton>
            </Stack>
            <div className={styles.note}>
              Expires {formatTime(created.expires_at)}.
              {host.kind === 'grafana' &&
                ' The analyzer serves it, not Grafana: recipients need to reach the analyzer at this address.'}
            </div>
          </Alert>
        )}
        <h5 className={styles.heading}>Your links</h5>
        <QueryStateView
          state={links}
          isEmpty={(items) => items.length === 0}
          emptyMessage="No share links yet"
          emptyHint="Links you create appear here until they expire."
        >
          {(items) => (
            <DataTable
              testId={testIds.sharing.shareLinks}
              rows={items}
              rowKey={(l) => l.link_id}
              columns={[
                { header: 'Report', render: describeTarget },
                { header: 'Expires', sortValue: (l) => l.expires_at, render: (l) => formatTime(l.expires_at) },
                {
                  header: 'State',
                  render: (l) => (l.revoked_at ? 'revoked' : isActive(l, Date.now()) ? 'active' : 'expired'),
                },
                {
                  header: '',
                  align: 'right',
                  render: (l) =>
                    isActive(l, Date.now()) && (
                      <Button
                        size="sm"
                        variant="destructive"
                        fill="text"
                        disabled={busy}
                        onClick={() => revoke(l.link_id)}
                        data-testid={testIds.sharing.shareRevoke}
                      >
                        Revoke
                      </Button>
                    ),
                },
              ]}
            />
          )}
        </QueryStateView>
      </div>
    </Modal>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  note: css({ color: theme.colors.text.secondary, marginBottom: theme.spacing(2) }),
  heading: css({ marginTop: theme.spacing(2) }),
});
