import { buildQueryString, filterParams } from './filters';

describe('buildQueryString', () => {
  test.each([
    [{}, ''],
    [{ a: undefined, b: null, c: '' }, ''],
    [{ from: 1, to: 2 }, '?from=1&to=2'],
    [{ workflow_id: ['a', 'b'] }, '?workflow_id=a&workflow_id=b'],
    [{ q: 'a b&c' }, '?q=a+b%26c'],
  ])('serializes %j as %s', (params, expected) => {
    expect(buildQueryString(params)).toBe(expected);
  });
});

describe('filterParams', () => {
  it('maps camelCase filters to the API names and drops empty workflow ids', () => {
    expect(
      buildQueryString(
        filterParams({ from: 10, to: 20, workflowIds: ['w1', ''], status: 'failed', actionType: 'click' })
      )
    ).toBe('?from=10&to=20&workflow_id=w1&status=failed&action_type=click');
  });
});
