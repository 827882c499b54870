import React, { type ReactElement } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';

/** Renders a page at `url` under a router, as the app does (relative routes under the app root). */
export function renderPage(page: ReactElement, url = '/page') {
  return render(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path="/:page" element={page} />
      </Routes>
    </MemoryRouter>
  );
}
