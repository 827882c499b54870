import { SeededRandom } from '../examples/random';
import { parsePlants, simulateStep } from '../examples/simulation';
import { WORKFLOW_CATALOG } from '../examples/workflow-catalog';

describe('demo plants', () => {
  it('parses values with optional windows of execution start times', () => {
    const plants = parsePlants('--degrade', 'a=2,b=1.5@2026-01-01T00:00:00Z..,c=3@..1000');
    expect(plants.get('a')).toEqual({ value: 2, from: -Infinity, to: Infinity });
    expect(plants.get('b')).toEqual({ value: 1.5, from: Date.parse('2026-01-01T00:00:00Z'), to: Infinity });
    expect(plants.get('c')).toEqual({ value: 3, from: -Infinity, to: 1000 });
  });

  it.each(['a', 'a=x', 'a=1@yesterday..', 'a=1@1..2..3'])('refuses %s naming the flag', (raw) => {
    expect(() => parsePlants('--fail', raw)).toThrow(/--fail/);
  });

  it('slows a workflow only for executions started inside the window', () => {
    const workflow = WORKFLOW_CATALOG[0]!;
    const step = workflow.steps[0]!;
    const plants = {
      degrade: parsePlants('--degrade', `${workflow.workflowId}=10@1000..2000`),
      failureBurst: new Map(),
    };
    const median = (at: number) => {
      const random = new SeededRandom(7);
      const durations = Array.from(
        { length: 201 },
        () => simulateStep(random, workflow, step, plants, at).durationMs,
      );
      return durations.sort((x, y) => x - y)[100]!;
    };
    expect(median(1500) / median(500)).toBeGreaterThan(5);
    expect(median(2500) / median(500)).toBeLessThan(2);
  });
});
