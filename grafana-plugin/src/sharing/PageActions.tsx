import React, { useState, type ReactNode } from 'react';
import { Button, Stack } from '@grafana/ui';

import { canEdit, useHost } from '../api/HostContext';
import { testIds } from '../testIds';
import { ExportMenu } from './ExportMenu';
import type { PageScope } from './pageScope';
import { ShareLinkModal } from './ShareLinkModal';

/** Export for everyone; share links (and what a page adds, like dashboards) for editors only. */
export function PageActions({ scope, editorActions }: { scope: PageScope; editorActions?: ReactNode }) {
  const host = useHost();
  const [sharing, setSharing] = useState(false);
  const editor = canEdit(host.role);
  return (
    <Stack gap={1} alignItems="flex-start" wrap="wrap">
      {editor && editorActions}
      <ExportMenu scope={scope} />
      {editor && (
        <Button
          variant="secondary"
          icon="share-alt"
          onClick={() => setSharing(true)}
          data-testid={testIds.sharing.shareButton}
        >
          Share link
        </Button>
      )}
      {sharing && <ShareLinkModal scope={scope} onDismiss={() => setSharing(false)} />}
    </Stack>
  );
}
