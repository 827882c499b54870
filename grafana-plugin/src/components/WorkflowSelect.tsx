import React from 'react';
import type { SelectableValue } from '@grafana/data';
import { Field, MultiSelect, Select } from '@grafana/ui';

interface SingleProps {
  workflows: string[];
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  testId?: string;
}

const toOptions = (workflows: string[]): Array<SelectableValue<string>> =>
  workflows.map((w) => ({ label: w, value: w }));

export function WorkflowSelect({ workflows, value, onChange, testId }: SingleProps) {
  return (
    <Field label="Workflow" data-testid={testId}>
      <Select
        inputId="rpa-workflow-select"
        width={40}
        options={toOptions(workflows)}
        value={value ?? null}
        placeholder="Choose a workflow"
        onChange={(v) => onChange(v?.value)}
        allowCustomValue
      />
    </Field>
  );
}

interface MultiProps {
  workflows: string[];
  value: string[];
  onChange: (value: string[]) => void;
  testId?: string;
}

export function WorkflowMultiSelect({ workflows, value, onChange, testId }: MultiProps) {
  return (
    <Field label="Workflows" data-testid={testId}>
      <MultiSelect
        inputId="rpa-workflow-multiselect"
        width={60}
        options={toOptions(workflows)}
        value={value}
        placeholder="Choose two or more workflows"
        onChange={(v) => onChange(v.map((o) => o.value).filter((x): x is string => Boolean(x)))}
        allowCustomValue
      />
    </Field>
  );
}
