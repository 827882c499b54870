import React from 'react';
import { Button } from '@grafana/ui';

import type { ShareLink } from '../api/types';
import { formatTime } from '../components/format';
import { DataTable } from '../components/DataTable';
import { testIds } from '../testIds';

const iso = (t: number | string) => new Date(t).toISOString();

export function describeTarget(link: ShareLink): string {
  const t = link.target;
  const what = `${t.template}${t.workflow_id ? ` (${t.workflow_id})` : ''}, ${(t.format ?? 'pdf').toUpperCase()}`;
  return `${what}: ${formatTime(iso(t.from))} – ${formatTime(iso(t.to))}`;
}

/** The analyzer's own verdict when it sent one; otherwise from the dates. */
export function linkState(link: ShareLink, now: number): 'active' | 'expired' | 'revoked' {
  if (link.state) {
    return link.state;
  }
  return link.revoked_at ? 'revoked' : Date.parse(link.expires_at) > now ? 'active' : 'expired';
}

interface Props {
  links: ShareLink[];
  busy: boolean;
  onRevoke: (linkId: string) => void;
  testId?: string;
  /** Admins see everyone's links: show whose. */
  showOwner?: boolean;
}

/** Share links with their state; active ones can be revoked. */
export function ShareLinksTable({ links, busy, onRevoke, testId, showOwner }: Props) {
  const now = Date.now();
  return (
    <DataTable
      testId={testId}
      rows={links}
      rowKey={(l) => l.link_id}
      columns={[
        { header: 'Report', render: describeTarget },
        ...(showOwner ? [{ header: 'Owner', render: (l: ShareLink) => l.owner ?? '' }] : []),
        { header: 'Created', sortValue: (l) => l.created_at, render: (l) => formatTime(l.created_at) },
        { header: 'Expires', sortValue: (l) => l.expires_at, render: (l) => formatTime(l.expires_at) },
        { header: 'State', render: (l) => linkState(l, now) },
        {
          header: '',
          align: 'right',
          render: (l) =>
            linkState(l, now) === 'active' && (
              <Button
                size="sm"
                variant="destructive"
                fill="text"
                disabled={busy}
                onClick={() => onRevoke(l.link_id)}
                data-testid={testIds.sharing.shareRevoke}
              >
                Revoke
              </Button>
            ),
        },
      ]}
    />
  );
}
