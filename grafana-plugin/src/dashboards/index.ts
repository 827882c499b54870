import type { Dashboard } from './model';
import { reliability } from './reliability';
import { resources } from './resources';
import { rpaOverview } from './rpaOverview';
import { workflowDetail } from './workflowDetail';

/** Every generated dashboard by file name (`dist/dashboards/<name>.json`, as the app's includes list them). */
export function buildDashboards(): Record<string, Dashboard> {
  return {
    'rpa-overview': rpaOverview(),
    'rpa-workflow-detail': workflowDetail(),
    'rpa-resources': resources(),
    'rpa-reliability': reliability(),
  };
}
