import { lastValueFrom } from 'rxjs';

import { createFetchBackendSrv } from './fetchBackendSrv';

const response = (status: number, body: string) =>
  ({
    ok: status >= 200 && status < 300,
    status,
    statusText: status === 200 ? 'OK' : 'Error',
    headers: new Headers(),
    redirected: false,
    type: 'basic',
    url: '/x',
    text: async () => body,
  }) as unknown as Response;

describe('createFetchBackendSrv', () => {
  it('sends same-origin JSON requests and parses JSON answers', async () => {
    const fetchImpl = jest.fn(async () => response(200, '{"items":[]}'));
    const srv = createFetchBackendSrv(fetchImpl);
    const res = await lastValueFrom(
      srv.fetch({ url: '/analytics/insights/i/implementation', method: 'POST', data: { implemented: true } })
    );
    expect(res.data).toEqual({ items: [] });
    expect(fetchImpl).toHaveBeenCalledWith(
      '/analytics/insights/i/implementation',
      expect.objectContaining({ method: 'POST', credentials: 'same-origin', body: '{"implemented":true}' })
    );
  });

  it('turns HTTP errors into FetchError-shaped errors', async () => {
    const srv = createFetchBackendSrv(async () => response(400, '{"message":"bad from"}'));
    await expect(lastValueFrom(srv.fetch({ url: '/analytics/metrics' }))).rejects.toMatchObject({
      status: 400,
      data: { message: 'bad from' },
    });
  });

  it('turns network failures into status 0', async () => {
    const srv = createFetchBackendSrv(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(lastValueFrom(srv.fetch({ url: '/analytics/metrics' }))).rejects.toMatchObject({
      status: 0,
      statusText: 'Failed to fetch',
    });
  });
});
