import React from 'react';
import { act, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';

import { allRoutes } from '../../test/fixtures';
import { installFakeBackend } from '../../test/fakeBackendSrv';
import { testIds } from '../../testIds';
import { App } from './App';

async function renderAppAt(url: string) {
  installFakeBackend(allRoutes);
  await act(async () => {
    render(
      <MemoryRouter initialEntries={[url]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
        <Routes>
          <Route path="/a/rpaanalytics-analytics-app/*" element={<App />} />
        </Routes>
      </MemoryRouter>
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('App routes', () => {
  test.each([
    ['overview', testIds.overview.container],
    ['workflow', testIds.workflow.container],
    ['insights', testIds.insights.container],
    ['anomalies', testIds.anomalies.container],
    ['compare', testIds.compare.container],
  ])('/a/<id>/%s renders its page', async (route, testId) => {
    await renderAppAt(`/a/rpaanalytics-analytics-app/${route}`);
    expect(screen.getByTestId(testId)).toBeInTheDocument();
  });

  it('sends unknown paths to the overview', async () => {
    await renderAppAt('/a/rpaanalytics-analytics-app/nope');
    expect(screen.getByTestId(testIds.overview.container)).toBeInTheDocument();
  });
});
