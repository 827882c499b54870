import React, { useState } from 'react';
import { PluginPage } from '@grafana/runtime';

import { useAnalyzerClient } from '../api/AnalyzerContext';
import { canEdit, useHost } from '../api/HostContext';
import { useAnalyzerQuery } from '../api/useAnalyzerQuery';
import { PageToolbar } from '../components/PageToolbar';
import { QueryStateView } from '../components/QueryStateView';
import { Section } from '../components/Section';
import { useUrlParam, useUrlTimeRange } from '../components/useUrlTimeRange';
import { WorkflowSelect } from '../components/WorkflowSelect';
import { ReportTemplates } from '../reports/ReportTemplates';
import { SchedulesSection } from '../reports/SchedulesSection';
import { ShareLinksSection } from '../reports/ShareLinksSection';
import { testIds } from '../testIds';

/**
 * Reports for everyone (PDF and HTML of each template over the chosen range);
 * for editors also their schedules with delivery logs and their share links.
 */
export function Reports() {
  const client = useAnalyzerClient();
  const host = useHost();
  const editor = canEdit(host.role);
  const { timeRange, filters, setTimeRange, key } = useUrlTimeRange();
  const [workflowId, setWorkflowId] = useUrlParam('workflow');
  const [linksVersion, setLinksVersion] = useState(0);
  const templates = useAnalyzerQuery(() => client.reportTemplates(), 'templates');
  const workflows = useAnalyzerQuery(() => client.workflowIds(filters), key);

  return (
    <PluginPage>
      <div data-testid={testIds.reports.container}>
        <PageToolbar timeRange={timeRange} onChange={setTimeRange}>
          <WorkflowSelect
            workflows={workflows.status === 'ready' ? workflows.data : []}
            value={workflowId}
            onChange={setWorkflowId}
          />
        </PageToolbar>
        <QueryStateView
          state={templates}
          isEmpty={(items) => items.length === 0}
          emptyMessage="The analyzer offers no report templates"
          emptyHint="Update the analyzer: reports arrived with its exports and schedules."
        >
          {(items) => (
            <>
              <Section title="Reports for this time range">
                <ReportTemplates
                  templates={items}
                  from={timeRange.from.valueOf()}
                  to={timeRange.to.valueOf()}
                  workflowId={workflowId}
                  canShare={editor}
                  onShared={() => setLinksVersion((n) => n + 1)}
                />
              </Section>
              {editor && <SchedulesSection templates={items} />}
            </>
          )}
        </QueryStateView>
        {editor && <ShareLinksSection version={linksVersion} showOwner={host.role === 'admin'} />}
      </div>
    </PluginPage>
  );
}

export default Reports;
