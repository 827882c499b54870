import type { Dashboard } from '../dashboards/model';

/** Body of Grafana's `POST /api/dashboards/db` (create only: never overwrites). */
export interface SaveDashboardRequest {
  dashboard: Omit<Dashboard, 'uid'> & { id: null; uid: string };
  overwrite: false;
  message: string;
}

/** Grafana's answer to `POST /api/dashboards/db`. */
export interface SaveDashboardResponse {
  uid: string;
  url: string;
  status?: string;
  version?: number;
}

const UID_MAX = 40;

/** Grafana uids are at most 40 of `[a-zA-Z0-9-_]`; the suffix keeps two dashboards of one workflow apart. */
export function workflowDashboardUid(workflowId: string, suffix: string): string {
  const slug = workflowId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const head = `rpa-wf-${slug}`.slice(0, UID_MAX - suffix.length - 1).replace(/-+$/, '');
  return `${head}-${suffix}`;
}

/** Eight random characters of the uid alphabet. */
export function randomUidSuffix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
}

/**
 * The templated workflow dashboard pinned to one workflow: its `$workflow` variable
 * starts on that workflow (still changeable), with a new uid and title, over the page's range.
 */
export function workflowDashboardRequest(
  template: Dashboard,
  workflowId: string,
  options: { uid: string; time?: { from: string; to: string } }
): SaveDashboardRequest {
  const list = template.templating.list.map((variable) =>
    variable.name === 'workflow' ? { ...variable, current: { text: [workflowId], value: [workflowId] } } : variable
  );
  if (!list.some((v) => v.name === 'workflow')) {
    throw new Error(`dashboard ${template.uid} has no $workflow variable`);
  }
  return {
    dashboard: {
      ...template,
      id: null,
      uid: options.uid,
      title: `${template.title}: ${workflowId}`,
      tags: [...template.tags, 'rpa-workflow'],
      time: options.time ?? template.time,
      templating: { list },
    },
    overwrite: false,
    message: `Created from RPA Analytics for workflow ${workflowId}`,
  };
}

/** A page's range as dashboard time: relative bounds stay relative (`now-24h`), absolute ones become ISO. */
export function dashboardTime(range: {
  from: { valueOf(): number };
  to: { valueOf(): number };
  raw: { from: unknown; to: unknown };
}): { from: string; to: string } {
  const bound = (raw: unknown, at: number) =>
    typeof raw === 'string' && raw.startsWith('now') ? raw : new Date(at).toISOString();
  return { from: bound(range.raw.from, range.from.valueOf()), to: bound(range.raw.to, range.to.valueOf()) };
}
