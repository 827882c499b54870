import React from 'react';
import { Combobox, type ComboboxOption, Field, MultiCombobox } from '@grafana/ui';

const toOptions = (workflows: string[]): Array<ComboboxOption<string>> =>
  workflows.map((w) => ({ label: w, value: w }));

interface SingleProps {
  workflows: string[];
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  testId?: string;
}

/** One workflow; ids the analyzer has not listed yet can be typed in. */
export function WorkflowSelect({ workflows, value, onChange, testId }: SingleProps) {
  return (
    <Field label="Workflow" data-testid={testId}>
      <Combobox
        id="rpa-workflow-select"
        width={40}
        options={toOptions(workflows)}
        value={value ?? null}
        placeholder="Choose a workflow"
        isClearable
        createCustomValue
        onChange={(option) => onChange(option?.value)}
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
      <MultiCombobox
        id="rpa-workflow-multiselect"
        width={60}
        options={toOptions(workflows)}
        value={value}
        placeholder="Choose two or more workflows"
        createCustomValue
        onChange={(options) => onChange(options.map((o) => o.value))}
      />
    </Field>
  );
}
