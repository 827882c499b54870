import type { InterpolateFunction } from '@grafana/data';

import { interpolateWorkflowIds } from './panelVariables';

const vars: Record<string, string> = { $workflow: 'invoice,payroll', $all: '$__all', $one: 'invoice' };
const replace: InterpolateFunction = (value) => vars[value] ?? value;

describe('interpolateWorkflowIds', () => {
  test.each([
    ['', []],
    ['$workflow', ['invoice', 'payroll']],
    ['$one', ['invoice']],
    ['$all', []],
    ['$unknown', []],
    ['a, b', ['a', 'b']],
  ])('expands %p', (value, expected) => {
    expect(interpolateWorkflowIds(value, replace)).toEqual(expected);
  });
});
