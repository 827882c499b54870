import React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { BackendSrvRequest } from '@grafana/runtime';

import { HostProvider, type Host } from '../api/HostContext';
import type { CreatedShareLink, ShareLink, ShareTarget } from '../api/types';
import { installFakeBackend, type Reply } from '../test/fakeBackendSrv';
import { testIds } from '../testIds';
import { PageActions } from './PageActions';
import type { PageScope } from './pageScope';

const EDITOR = 'api/plugin-proxy/rpaanalytics-analytics-app/analyzer-editor';
const scope: PageScope = {
  datasets: ['executions', 'steps'],
  report: 'workflow',
  from: 1700000000000,
  to: 1700003600000,
  workflowIds: ['payroll-sync'],
};
const host: Host = { kind: 'grafana', role: 'editor', analyzerUrl: 'http://analyzer:8080' };
const FUTURE = new Date(Date.now() + 7 * 86_400_000).toISOString();

/** The analyzer's share-link routes over an in-memory list. */
function shareLinkRoutes(options: { createFails?: Reply } = {}) {
  const links: ShareLink[] = [
    {
      link_id: 'old-1',
      owner: 'token:1',
      state: 'active',
      created_at: new Date(0).toISOString(),
      expires_at: FUTURE,
      revoked_at: null,
      target: {
        template: 'fleet',
        format: 'pdf',
        from: new Date(0).toISOString(),
        to: new Date(1).toISOString(),
        view: '',
        workflow_id: '',
      },
    },
  ];
  const collection = (request: BackendSrvRequest): Reply => {
    if (request.method === 'GET') {
      return { data: { items: links.map((l) => ({ ...l })) } };
    }
    if (options.createFails) {
      return options.createFails;
    }
    const body = request.data as { target: ShareTarget; expires_in_days: number };
    // The analyzer answers with the range as RFC 3339 times.
    const target = {
      format: 'pdf',
      view: '',
      workflow_id: '',
      ...body.target,
      from: new Date(body.target.from).toISOString(),
      to: new Date(body.target.to).toISOString(),
    };
    const link: ShareLink = {
      link_id: 'new-2',
      owner: 'token:1',
      state: 'active',
      created_at: new Date().toISOString(),
      expires_at: FUTURE,
      revoked_at: null,
      target,
    };
    const created: CreatedShareLink = { ...link, token: 'tok-abc', url: '/shared/tok-abc' };
    links.push(link);
    return { data: created };
  };
  const revoke =
    (id: string) =>
    (request: BackendSrvRequest): Reply => {
      expect(request.method).toBe('DELETE');
      const link = links.find((l) => l.link_id === id)!;
      // As the analyzer lists it afterwards: revoked, with its time.
      link.revoked_at = new Date().toISOString();
      link.state = 'revoked';
      return { data: undefined };
    };
  return { '/share-links': collection, '/share-links/old-1': revoke('old-1'), '/share-links/new-2': revoke('new-2') };
}

async function openShareModal() {
  await act(async () => {
    render(
      <HostProvider host={host}>
        <PageActions scope={scope} />
      </HostProvider>
    );
  });
  await act(async () => {
    fireEvent.click(screen.getByTestId(testIds.sharing.shareButton));
  });
  return screen.findByTestId(testIds.sharing.shareModal);
}

const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

describe('Share link', () => {
  it("creates a link to the page's report, shows its URL once, and lists the user's links", async () => {
    const backend = installFakeBackend(shareLinkRoutes());
    const modal = await openShareModal();
    expect(await within(modal).findByTestId(testIds.sharing.shareLinks)).toHaveTextContent('fleet, PDF');

    fireEvent.click(within(modal).getByLabelText('HTML'));
    fireEvent.change(within(modal).getByRole('spinbutton'), { target: { value: '30' } });
    await act(async () => {
      fireEvent.click(within(modal).getByTestId(testIds.sharing.shareCreate));
    });
    await settle();

    const post = backend.requests.find((r) => r.method === 'POST')!;
    expect(post.url).toBe(`${EDITOR}/share-links`);
    expect(post.data).toEqual({
      target: {
        template: 'workflow',
        format: 'html',
        from: 1700000000000,
        to: 1700003600000,
        workflow_id: 'payroll-sync',
      },
      expires_in_days: 30,
    });
    expect(within(modal).getByTestId(testIds.sharing.shareUrl)).toHaveValue('http://analyzer:8080/shared/tok-abc');
    expect(within(modal).getByText(/shown only this once/)).toBeInTheDocument();
    const list = await within(modal).findByTestId(testIds.sharing.shareLinks);
    expect(list).toHaveTextContent('workflow (payroll-sync), HTML');
    // The list is read with the editor token (an editor sees only their own links).
    expect(backend.requests.filter((r) => r.method === 'GET').map((r) => r.url)).toEqual([
      `${EDITOR}/share-links`,
      `${EDITOR}/share-links`,
    ]);
  });

  it('revokes a link through DELETE and shows it revoked', async () => {
    const backend = installFakeBackend(shareLinkRoutes());
    const modal = await openShareModal();
    await within(modal).findByTestId(testIds.sharing.shareLinks);
    await act(async () => {
      fireEvent.click(within(modal).getByTestId(testIds.sharing.shareRevoke));
    });
    await settle();
    expect(backend.requests.find((r) => r.method === 'DELETE')!.url).toBe(`${EDITOR}/share-links/old-1`);
    const list = await within(modal).findByTestId(testIds.sharing.shareLinks);
    expect(list).toHaveTextContent('revoked');
    expect(within(modal).queryByTestId(testIds.sharing.shareRevoke)).toBeNull();
  });

  it("shows the analyzer's refusal inline and no URL", async () => {
    installFakeBackend(
      shareLinkRoutes({ createFails: { status: 403, data: { message: 'this route needs the editor role' } } })
    );
    const modal = await openShareModal();
    await act(async () => {
      fireEvent.click(within(modal).getByTestId(testIds.sharing.shareCreate));
    });
    await settle();
    expect(within(modal).getByTestId(testIds.sharing.shareError)).toHaveTextContent(/editor token/);
    expect(within(modal).queryByTestId(testIds.sharing.shareUrl)).toBeNull();
  });

  test.each(['0', '91', '2.5'])('refuses %s days before asking the analyzer', async (days) => {
    const backend = installFakeBackend(shareLinkRoutes());
    const modal = await openShareModal();
    fireEvent.change(within(modal).getByRole('spinbutton'), { target: { value: days } });
    expect(within(modal).getByTestId(testIds.sharing.shareCreate)).toBeDisabled();
    expect(within(modal).getByText(/whole number from 1 to 90/)).toBeInTheDocument();
    expect(backend.requests.some((r) => r.method === 'POST')).toBe(false);
  });
});
