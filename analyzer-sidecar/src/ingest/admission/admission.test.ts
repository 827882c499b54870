import { decideAdmission } from './admission';
import { TIMED_OUT, withDeadline } from './deadline';

describe('decideAdmission', () => {
  test.each([
    [0, 0, true, undefined],
    [2000, 0, true, undefined],
    [2001, 0, false, 3],
    [0, 2500, false, 3],
    [90_000, 10, false, 30],
    [3000, 5000, false, 5],
  ])('commits waiting %i ms, loop lag %i ms: admit %s (Retry-After %s)', (writer, loop, admit, retry) => {
    const decision = decideAdmission(2000, { writerDelayMs: () => writer, loopLagMs: () => loop });
    expect(decision.admit).toBe(admit);
    if (!decision.admit) {
      expect(decision.retryAfterSeconds).toBe(retry);
      expect(decision.reason).toMatch(writer >= loop ? /commits wait \d+ ms/ : /event loop lags \d+ ms/);
    }
  });
});

describe('withDeadline', () => {
  afterEach(() => jest.useRealTimers());

  it('resolves with the value when it comes first, and clears its timer', async () => {
    await expect(withDeadline(Promise.resolve(7), 1000)).resolves.toBe(7);
  });

  it('resolves TIMED_OUT when the deadline comes first, and drops a later rejection', async () => {
    jest.useFakeTimers();
    let reject: (error: Error) => void = () => undefined;
    const late = new Promise<number>((_resolve, r) => (reject = r));
    const raced = withDeadline(late, 1000);
    jest.advanceTimersByTime(1000);
    await expect(raced).resolves.toBe(TIMED_OUT);
    reject(new Error('after the deadline'));
  });

  it('passes a rejection through when it comes first', async () => {
    await expect(withDeadline(Promise.reject(new Error('no')), 1000)).rejects.toThrow('no');
  });
});
