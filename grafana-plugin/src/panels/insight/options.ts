export interface InsightPanelOptions {
  /** Template variables allowed, e.g. `$workflow`; empty means every workflow. */
  workflowId: string;
  category: '' | 'performance' | 'reliability' | 'resource' | 'best_practice';
  maxItems: number;
  showDescription: boolean;
}

export const defaultInsightPanelOptions: InsightPanelOptions = {
  workflowId: '$workflow',
  category: '',
  maxItems: 5,
  showDescription: true,
};
