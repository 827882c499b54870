import React from 'react';
import { Navigate, Route, Routes, useLocation, useParams } from 'react-router-dom';

import { ROUTES } from '../../constants';
import Anomalies from '../../pages/Anomalies';
import Compare from '../../pages/Compare';
import Healing from '../../pages/Healing';
import Insights from '../../pages/Insights';
import Live from '../../pages/Live';
import Overview from '../../pages/Overview';
import Reports from '../../pages/Reports';
import Workflow from '../../pages/Workflow';

/** Unknown paths go to the overview; resolved by hand so it does not depend on the router's splat-path mode. */
function ToOverview() {
  const { pathname } = useLocation();
  const rest = useParams()['*'] ?? '';
  const base = pathname.slice(0, pathname.length - rest.length).replace(/\/?$/, '/');
  return <Navigate to={`${base}${ROUTES.Overview}`} replace />;
}

/** The app's pages; paths are relative so the same routes work under /a/<id>/ and in the standalone page. */
export function App() {
  return (
    <Routes>
      <Route path={ROUTES.Overview} element={<Overview />} />
      <Route path={ROUTES.Workflow} element={<Workflow />} />
      <Route path={ROUTES.Insights} element={<Insights />} />
      <Route path={ROUTES.Anomalies} element={<Anomalies />} />
      <Route path={ROUTES.Compare} element={<Compare />} />
      <Route path={ROUTES.Live} element={<Live />} />
      <Route path={ROUTES.Reports} element={<Reports />} />
      <Route path={ROUTES.Healing} element={<Healing />} />
      <Route path="*" element={<ToOverview />} />
    </Routes>
  );
}

export default App;
