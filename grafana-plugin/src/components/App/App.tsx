import React from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';

import { ROUTES } from '../../constants';
import Anomalies from '../../pages/Anomalies';
import Compare from '../../pages/Compare';
import Insights from '../../pages/Insights';
import Overview from '../../pages/Overview';
import Workflow from '../../pages/Workflow';

/** The app's pages; paths are relative so the same routes work under /a/<id>/ and in the standalone page. */
export function App() {
  return (
    <Routes>
      <Route path={ROUTES.Overview} element={<Overview />} />
      <Route path={ROUTES.Workflow} element={<Workflow />} />
      <Route path={ROUTES.Insights} element={<Insights />} />
      <Route path={ROUTES.Anomalies} element={<Anomalies />} />
      <Route path={ROUTES.Compare} element={<Compare />} />
      <Route path="*" element={<Navigate to={ROUTES.Overview} replace />} />
    </Routes>
  );
}

export default App;
