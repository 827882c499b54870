import { describeError } from './describeError';

describe('describeError', () => {
  test.each([
    [{ status: 401 }, /refused/, /Configuration page/],
    [{ status: 403 }, /refused/, /editor token/],
    [{ status: 400, data: { message: 'unknown group_by column: foo' } }, /group_by column: foo/, /filter/],
    [{ status: 404 }, /not found/, /analyzer URL/],
    [{ status: 502, statusText: 'Bad Gateway' }, /Cannot reach/, /rpa-analyzer serve/],
    [new TypeError('Failed to fetch'), /Cannot reach the analyzer \(Failed to fetch\)/, /retry/],
    [{ status: 500, data: 'boom' }, /HTTP 500: boom/, /analyzer log/],
  ])('describes %j', (error, title, hint) => {
    const d = describeError(error);
    expect(d.title).toMatch(title);
    expect(d.hint).toMatch(hint);
  });
});
