import React from 'react';
import type { QueryEditorProps, SelectableValue } from '@grafana/data';
import { Combobox, InlineField, Input, Stack } from '@grafana/ui';

import type { Aggregation } from '../api/types';
import type { AnalyzerDataSource } from './datasource';
import { AGGREGATE_METRICS, type AnalyzerDataSourceOptions, type AnalyzerQuery, type AnalyzerQueryType } from './types';

type Props = QueryEditorProps<AnalyzerDataSource, AnalyzerQuery, AnalyzerDataSourceOptions>;

const QUERY_TYPES: Array<SelectableValue<AnalyzerQueryType> & { value: AnalyzerQueryType; label: string }> = [
  { label: 'Execution durations over time', value: 'executions' },
  { label: 'Aggregate (group by)', value: 'aggregate' },
  { label: 'Success rates', value: 'success_rates' },
  { label: 'Bottleneck steps', value: 'bottlenecks' },
  { label: 'Anomalies (annotations)', value: 'anomalies' },
];

const AGGREGATIONS: Aggregation[] = ['avg', 'sum', 'count', 'min', 'max', 'p50', 'p95', 'p99'];

export function QueryEditor({ query, onChange, onRunQuery }: Props) {
  const update = (patch: Partial<AnalyzerQuery>) => {
    onChange({ ...query, ...patch });
    onRunQuery();
  };
  const text = (key: 'workflowId' | 'groupBy' | 'actionType' | 'status') => ({
    value: query[key] ?? '',
    onChange: (e: React.FormEvent<HTMLInputElement>) => onChange({ ...query, [key]: e.currentTarget.value }),
    onBlur: onRunQuery,
  });
  return (
    <Stack direction="column" gap={0}>
      <Stack gap={1} wrap="wrap">
        <InlineField label="Query" labelWidth={12}>
          <Combobox
            width={34}
            options={QUERY_TYPES}
            value={query.queryType ?? 'executions'}
            onChange={(v) => update({ queryType: v.value })}
          />
        </InlineField>
        <InlineField label="Workflow" labelWidth={12} tooltip="Workflow id or $workflow; empty for all">
          <Input width={24} placeholder="$workflow" {...text('workflowId')} />
        </InlineField>
        <InlineField label="Status" labelWidth={10}>
          <Input width={14} placeholder="completed" {...text('status')} />
        </InlineField>
        <InlineField label="Action" labelWidth={10} tooltip="Step action type or $action_type">
          <Input width={16} placeholder="$action_type" {...text('actionType')} />
        </InlineField>
      </Stack>
      {query.queryType === 'aggregate' && (
        <Stack gap={1} wrap="wrap">
          <InlineField label="Metric" labelWidth={12}>
            <Combobox
              width={30}
              options={AGGREGATE_METRICS.map((m) => ({ label: m, value: m }))}
              value={query.metric ?? 'execution_duration_ms'}
              onChange={(v) => update({ metric: v.value })}
            />
          </InlineField>
          <InlineField label="Aggregation" labelWidth={12}>
            <Combobox
              width={12}
              options={AGGREGATIONS.map((a) => ({ label: a, value: a }))}
              value={query.aggregation ?? 'avg'}
              onChange={(v) => update({ aggregation: v.value })}
            />
          </InlineField>
          <InlineField label="Group by" labelWidth={12} tooltip="Comma-separated columns, e.g. workflow_id,action_type">
            <Input width={30} placeholder="workflow_id" {...text('groupBy')} />
          </InlineField>
        </Stack>
      )}
    </Stack>
  );
}
