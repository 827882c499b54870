import React, { useState } from 'react';
import { lastValueFrom } from 'rxjs';
import { getBackendSrv } from '@grafana/runtime';
import { Alert, Button, LinkButton, Stack } from '@grafana/ui';

import { workflowDetail } from '../dashboards/workflowDetail';
import { testIds } from '../testIds';
import {
  randomUidSuffix,
  workflowDashboardRequest,
  workflowDashboardUid,
  type SaveDashboardResponse,
} from './workflowDashboard';

/** Grafana's dashboard API, relative to its base URL like the plugin proxy paths. */
export const SAVE_DASHBOARD_PATH = 'api/dashboards/db';

/** Grafana's own error (not the analyzer's: describeError would point at the analyzer's tokens). */
export function grafanaRefusal(error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    status?: number;
    data?: { message?: string };
    message?: string;
  };
  const detail = e.data?.message ?? e.message ?? String(error);
  if (e.status === 403 || e.status === 401) {
    return `Grafana refused (HTTP ${e.status}): ${detail}. Creating dashboards needs the Editor role in a folder you may write to.`;
  }
  return e.status ? `Grafana answered HTTP ${e.status}: ${detail}` : `Grafana could not be reached: ${detail}`;
}

type State = { status: 'idle' | 'saving' } | { status: 'done'; url: string } | { status: 'error'; message: string };

/** Saves the templated workflow dashboard, pinned to this workflow, through Grafana's own API (Grafana only). */
export function CreateDashboardButton({
  workflowId,
  time,
}: {
  workflowId: string;
  time: { from: string; to: string };
}) {
  const [state, setState] = useState<State>({ status: 'idle' });
  const create = async () => {
    setState({ status: 'saving' });
    try {
      const uid = workflowDashboardUid(workflowId, randomUidSuffix());
      const response = await lastValueFrom(
        getBackendSrv().fetch<SaveDashboardResponse>({
          url: SAVE_DASHBOARD_PATH,
          method: 'POST',
          data: workflowDashboardRequest(workflowDetail(), workflowId, { uid, time }),
          showErrorAlert: false,
        })
      );
      setState({ status: 'done', url: response.data.url });
    } catch (e) {
      setState({ status: 'error', message: grafanaRefusal(e) });
    }
  };
  return (
    <Stack direction="column" gap={1}>
      <Stack gap={1}>
        <Button
          variant="secondary"
          icon="apps"
          onClick={create}
          disabled={state.status === 'saving'}
          data-testid={testIds.sharing.createDashboard}
        >
          Create dashboard for this workflow
        </Button>
        {state.status === 'done' && (
          // Grafana answers with its sub-URL included and routes the link inside its app.
          <LinkButton href={state.url} icon="external-link-alt" data-testid={testIds.sharing.createDashboardLink}>
            Open the new dashboard
          </LinkButton>
        )}
      </Stack>
      {state.status === 'error' && (
        <div data-testid={testIds.sharing.createDashboardError}>
          <Alert severity="error" title="Could not create the dashboard">
            {state.message}
          </Alert>
        </div>
      )}
    </Stack>
  );
}
