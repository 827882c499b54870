import { FieldType } from '@grafana/data';

import { anomalies, bottlenecks, executions, successRates } from '../test/fixtures';
import {
  aggregateToFrame,
  anomaliesToFrame,
  bottlenecksToFrame,
  executionsToFrames,
  successRatesToFrame,
} from './frames';

describe('frames', () => {
  it('splits executions into one duration series per workflow', () => {
    const frames = executionsToFrames('A', executions.items);
    expect(frames.map((f) => f.name)).toEqual(['payroll-sync', 'invoice-entry']);
    const time = frames[0]!.fields[0]!;
    expect(time.type).toBe(FieldType.time);
    expect(time.values).toEqual([Date.parse('2026-11-23T09:50:00.000Z')]);
    expect(frames[0]!.fields[1]!.values).toEqual([10000]);
    expect(frames[0]!.fields[1]!.config.unit).toBe('ms');
  });

  it('skips running executions', () => {
    const running = { ...executions.items[0]!, duration_ms: null, completed_at: null, status: 'running' as const };
    expect(executionsToFrames('A', [running])).toEqual([]);
  });

  it('turns success rates into a table frame', () => {
    const frame = successRatesToFrame('B', successRates.items);
    expect(frame.length).toBe(2);
    expect(frame.fields.find((f) => f.name === 'success_rate')!.values).toEqual([96.5, 71.2]);
  });

  it('turns bottlenecks into a table frame', () => {
    expect(bottlenecksToFrame('C', bottlenecks.items).fields[0]!.values).toEqual(['login', 'submit']);
  });

  test.each([
    [['workflow_id'], FieldType.string, 'w'],
    [['hour'], FieldType.time, Date.parse('2026-11-23T09:00:00.000Z')],
    [['day'], FieldType.time, null],
  ])('aggregate grouped by %j makes a %s field', (groupBy, type, first) => {
    const rows = [{ group: { workflow_id: 'w', hour: '2026-11-23T09:00:00.000Z', day: null }, value: 3, count: 2 }];
    const frame = aggregateToFrame('D', rows, groupBy);
    expect(frame.fields[0]!.type).toBe(type);
    expect(frame.fields[0]!.values).toEqual([first]);
    expect(frame.fields.find((f) => f.name === 'value')!.values).toEqual([3]);
    expect(frame.fields.find((f) => f.name === 'count')!.values).toEqual([2]);
  });

  it('makes annotation fields from anomalies', () => {
    const frame = anomaliesToFrame('E', anomalies.items);
    const names = frame.fields.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['time', 'timeEnd', 'title', 'text', 'tags']));
    expect(frame.fields.find((f) => f.name === 'text')!.values[0]).toBe(
      'Executions took 2.6× longer than usual — Check the ERP response times'
    );
    expect(frame.fields.find((f) => f.name === 'timeEnd')!.values[0]).toBe(Date.parse('2026-11-23T10:00:00.000Z'));
  });
});
