import React, { useState } from 'react';
import { Alert } from '@grafana/ui';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import { describeError } from '../api/describeError';
import { useAnalyzerQuery } from '../api/useAnalyzerQuery';
import { QueryStateView } from '../components/QueryStateView';
import { Section } from '../components/Section';
import { ShareLinksTable } from '../sharing/ShareLinksTable';
import { testIds } from '../testIds';

/** The user's share links (an admin's: everyone's), to revoke; `version` reloads them after a share. */
export function ShareLinksSection({ version, showOwner }: { version: number; showOwner: boolean }) {
  const client = useAnalyzerClient();
  const links = useAnalyzerQuery(() => client.shareLinks(), `share-links#${version}`, { keepOnReload: true });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const revoke = async (linkId: string) => {
    setBusy(true);
    setError(undefined);
    try {
      await client.revokeShareLink(linkId);
    } catch (e) {
      const { title, hint } = describeError(e);
      setError(`${title}. ${hint}`);
    } finally {
      setBusy(false);
      links.reload();
    }
  };
  return (
    <Section title={showOwner ? 'Share links (everyone’s)' : 'Your share links'} testId={testIds.reports.shareLinks}>
      {error && (
        <Alert severity="error" title="The analyzer refused">
          {error}
        </Alert>
      )}
      <QueryStateView
        state={links}
        isEmpty={(items) => items.length === 0}
        emptyMessage="No share links yet"
        emptyHint="Share a report above (or from any page's Share link); the links appear here until they expire."
      >
        {(items) => <ShareLinksTable links={items} busy={busy} onRevoke={revoke} showOwner={showOwner} />}
      </QueryStateView>
    </Section>
  );
}
