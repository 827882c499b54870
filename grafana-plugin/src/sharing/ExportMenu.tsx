import React from 'react';
import { Button, Dropdown, Menu } from '@grafana/ui';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import { testIds } from '../testIds';
import { exportEntries, type PageScope } from './pageScope';

/**
 * The page's data sets and report as plain links: a browser download carries the
 * auth (Grafana's session through its plugin proxy, or the /ui session cookie).
 * Every link has a target, because Grafana routes target-less links inside its
 * single-page app instead of letting the browser download them.
 */
export function ExportMenu({ scope }: { scope: PageScope }) {
  const client = useAnalyzerClient();
  const entries = exportEntries(scope, client);
  const item = (entry: (typeof entries)[number]) => (
    <Menu.Item
      key={entry.key}
      label={entry.label}
      url={entry.url}
      target={entry.kind === 'data' ? '_self' : '_blank'}
      icon={entry.kind === 'data' ? 'download-alt' : 'file-alt'}
      testId={`${testIds.sharing.exportItemPrefix}${entry.key}`}
    />
  );
  const menu = (
    <Menu>
      <Menu.Group label="Data in this time range">{entries.filter((e) => e.kind === 'data').map(item)}</Menu.Group>
      <Menu.Group label="This page as a report">{entries.filter((e) => e.kind === 'report').map(item)}</Menu.Group>
    </Menu>
  );
  return (
    <Dropdown overlay={menu} placement="bottom-end">
      <Button variant="secondary" icon="download-alt" data-testid={testIds.sharing.exportButton}>
        Export
      </Button>
    </Dropdown>
  );
}
