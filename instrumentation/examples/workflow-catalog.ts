/**
 * Simulated RPA workflows with realistic step mixes: each has one slow step
 * (its planted bottleneck) and failure modes of several kinds.
 */
export type FailureKind =
  'timeout' | 'element_not_found' | 'low_confidence' | 'application_error' | 'network' | 'validation';

export interface SimulatedStep {
  readonly nodeId: string;
  readonly actionType: string;
  readonly targetElement: string;
  /** Median duration in milliseconds (log-normal around it). */
  readonly medianMs: number;
  readonly failureRate: number;
  readonly failureKinds: readonly FailureKind[];
}

export interface SimulatedWorkflow {
  readonly workflowId: string;
  readonly steps: readonly SimulatedStep[];
}

const step = (
  nodeId: string,
  actionType: string,
  targetElement: string,
  medianMs: number,
  failureRate = 0.004,
  failureKinds: readonly FailureKind[] = ['element_not_found', 'timeout'],
): SimulatedStep => ({ nodeId, actionType, targetElement, medianMs, failureRate, failureKinds });

export const WORKFLOW_CATALOG: readonly SimulatedWorkflow[] = [
  {
    workflowId: 'invoice-entry',
    steps: [
      step('open-erp', 'launch', 'ERP desktop client', 900),
      step('login', 'type', 'Username field', 250),
      step('open-invoices', 'click', 'Invoices menu', 120),
      step('read-pdf', 'extract', 'Invoice PDF table', 2400, 0.01, ['validation', 'low_confidence']),
      step('fill-form', 'type', 'Invoice form', 600),
      step('submit', 'click', 'Submit button', 150, 0.006, ['application_error', 'timeout']),
    ],
  },
  {
    workflowId: 'customer-onboarding',
    steps: [
      step('open-crm', 'launch', 'CRM web app', 700, 0.004, ['network', 'timeout']),
      step('search', 'type', 'Search box', 200),
      step('wait-results', 'wait', 'Results grid', 1800, 0.01, ['timeout', 'network']),
      step('open-record', 'click', 'Customer row', 140),
      step('attach-docs', 'upload', 'Attachments panel', 900, 0.008, ['application_error']),
      step('save', 'click', 'Save button', 110),
    ],
  },
  {
    workflowId: 'report-export',
    steps: [
      step('open-bi', 'launch', 'BI portal', 800, 0.004, ['network']),
      step('pick-report', 'click', 'Monthly report tile', 160),
      step('render', 'wait', 'Report canvas', 4200, 0.012, ['timeout']),
      step('export', 'click', 'Export to Excel', 300),
      step('save-file', 'type', 'Save dialog', 350, 0.004, ['validation']),
    ],
  },
  {
    workflowId: 'email-triage',
    steps: [
      step('open-mail', 'launch', 'Mail client', 500),
      step('read-inbox', 'extract', 'Inbox list', 650, 0.006, ['low_confidence']),
      step('classify', 'extract', 'Message body', 1500, 0.01, ['validation', 'low_confidence']),
      step('move', 'drag', 'Folder tree', 220),
    ],
  },
  {
    workflowId: 'order-sync',
    steps: [
      step('open-shop', 'launch', 'Shop admin', 600, 0.004, ['network']),
      step('export-orders', 'click', 'Export orders', 180),
      step('wait-download', 'wait', 'Download bar', 2800, 0.01, ['timeout', 'network']),
      step('open-erp', 'launch', 'ERP desktop client', 900),
      step('import', 'type', 'Import dialog', 700, 0.008, ['validation', 'application_error']),
      step('confirm', 'click', 'Confirm button', 120),
    ],
  },
];

/** Generates `count` workflows: the catalog first, then variants of it with their own ids. */
export function simulatedWorkflows(count: number): SimulatedWorkflow[] {
  const workflows: SimulatedWorkflow[] = [];
  for (let i = 0; i < count; i += 1) {
    const base = WORKFLOW_CATALOG[i % WORKFLOW_CATALOG.length] as SimulatedWorkflow;
    const round = Math.floor(i / WORKFLOW_CATALOG.length);
    workflows.push(round === 0 ? base : { ...base, workflowId: `${base.workflowId}-${round + 1}` });
  }
  return workflows;
}

/**
 * Workflows a scheduler starts on a cadence rather than on demand (the demo's
 * `--schedule`): outside the round-robin of the catalog above.
 */
export const SCHEDULED_CATALOG: readonly SimulatedWorkflow[] = [
  {
    workflowId: 'ledger-close',
    steps: [
      step('open-erp', 'launch', 'ERP desktop client', 900),
      step('open-ledger', 'click', 'General ledger menu', 150),
      step('reconcile', 'extract', 'Ledger balances table', 3200, 0.006, ['validation', 'low_confidence']),
      step('post', 'click', 'Post button', 140),
    ],
  },
];

/** The workflow a `--schedule` names: a scheduled one, or one of the demo's own. */
export function findWorkflow(workflowId: string, workflows: readonly SimulatedWorkflow[]) {
  return [...SCHEDULED_CATALOG, ...workflows].find((workflow) => workflow.workflowId === workflowId);
}
