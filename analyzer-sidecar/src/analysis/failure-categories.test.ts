import fc from 'fast-check';
import { FAILURE_CATEGORY } from '@rpa-analytics/conventions';
import { categorizeFailures, failuresFromRecords } from './failure-breakdown';
import { categorizeFailure, compileFailureRules, type Failure } from './failure-categories';
import { makeExecution, makeStep } from './test-support/records';

const failure = (
  error_type: string | null,
  message: string | null,
  confidence_score: number | null = null,
): Failure => ({
  execution_id: 'e',
  step_id: null,
  error_type,
  message,
  confidence_score,
});

describe('categorizeFailure', () => {
  test.each([
    ['TimeoutError', 'waited 30000 ms', 'timeout'],
    [null, 'Operation timed out after 30s', 'timeout'],
    ['ElementNotFoundError', 'x', 'element_not_found'],
    [null, 'Element #submit not found on page', 'element_not_found'],
    ['LowConfidenceError', 'match 0.41', 'low_confidence'],
    ['ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:443', 'network'],
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND api.example.com', 'network'],
    ['NoSuchElementError', 'no such element: #grid', 'element_not_found'],
    ['ETIMEDOUT', 'connect ETIMEDOUT', 'timeout'],
    [null, 'Bad gateway (502)', 'network'],
    ['ValidationError', 'invoice total', 'validation'],
    [null, 'Field "date" has invalid format', 'validation'],
    ['ApplicationError', 'SAP crashed', 'application_error'],
    [null, 'Excel is not responding', 'application_error'],
    ['Error', 'something odd', 'unknown'],
    [null, null, 'unknown'],
  ])('%p / %p is %p', (type, message, expected) => {
    expect(categorizeFailure(failure(type, message))).toBe(expected);
  });

  it('uses the failing step confidence', () => {
    expect(categorizeFailure(failure('Error', 'no match', 0.2))).toBe('low_confidence');
  });

  it("keeps the executor's own error type over a low confidence score", () => {
    expect(categorizeFailure(failure('ELEMENT_NOT_FOUND', 'Open invoice not found', 0.41))).toBe(
      'element_not_found',
    );
    expect(categorizeFailure(failure('TIMEOUT', 'waited 30 s', 0.3))).toBe('timeout');
  });

  it('runs user rules before the built-in ones', () => {
    const compiled = compileFailureRules([
      { category: 'captcha', message: 'captcha' },
      { category: 'sap_lock', error_type: '^SAP_LOCK$' },
    ]);
    if (!compiled.ok) throw new Error(compiled.error);
    expect(categorizeFailure(failure('TimeoutError', 'captcha shown'), compiled.rules)).toBe('captcha');
    expect(categorizeFailure(failure('SAP_LOCK', 'record locked'), compiled.rules)).toBe('sap_lock');
    expect(categorizeFailure(failure('TimeoutError', 'x'), compiled.rules)).toBe('timeout');
  });

  test.each([
    [[{ category: 'x', message: '(' }], /Invalid regular expression/],
    [[{ category: 'x' }], /rule 0 \(x\): needs/],
    [[{ category: '', message: 'a' }], /category is required/],
  ])('rejects the bad configuration %j', (rules, message) => {
    const compiled = compileFailureRules(rules);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.error).toMatch(message);
  });

  it('Property 9: every failure gets exactly one category and the counts add up', () => {
    const known = new Set<string>(Object.values(FAILURE_CATEGORY));
    const text = fc.option(fc.string({ maxLength: 40 }), { nil: null });
    const failures = fc.array(
      fc.record({
        error_type: text,
        message: text,
        confidence_score: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
      }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(failures, (rows) => {
        const list = rows.map((r, i) => ({ ...r, execution_id: `e${i}`, step_id: null }));
        const { categories } = categorizeFailures(list, { examplesPerCategory: 1000 });
        const seen = categories.flatMap((c) => c.examples.map((e) => e.execution_id));
        return (
          categories.reduce((s, c) => s + c.count, 0) === list.length &&
          new Set(seen).size === list.length &&
          categories.every((c) => known.has(c.category) && c.count === c.examples.length)
        );
      }),
    );
  });
});

describe('failuresFromRecords', () => {
  it('describes a failed execution by its own error, else by its first failed step', () => {
    const executions = [
      makeExecution({
        execution_id: 'a',
        status: 'failed',
        error_type: 'TimeoutError',
        error_message: 'slow',
      }),
      makeExecution({ execution_id: 'b', status: 'failed' }),
      makeExecution({ execution_id: 'c', status: 'completed' }),
    ];
    const steps = [
      makeStep({ execution_id: 'b', step_id: 's2', status: 'failed', started_at: 5, error_details: 'later' }),
      makeStep({
        execution_id: 'b',
        step_id: 's1',
        status: 'failed',
        started_at: 1,
        error_details: 'Element not found',
        confidence_score: 0.9,
      }),
    ];
    const failures = failuresFromRecords(executions, steps);
    expect(failures.map((f) => [f.execution_id, f.step_id, f.message])).toEqual([
      ['a', null, 'slow'],
      ['b', 's1', 'Element not found'],
    ]);
    expect(categorizeFailures(failures).categories.map((c) => c.category)).toEqual([
      'element_not_found',
      'timeout',
    ]);
  });
});
