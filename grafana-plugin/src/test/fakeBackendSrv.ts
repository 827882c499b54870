import { Observable } from 'rxjs';
import { setBackendSrv, type BackendSrv, type BackendSrvRequest, type FetchResponse } from '@grafana/runtime';

/** What a fake endpoint answers: data (200), an HTTP error, or nothing yet. */
export type Reply = { data: unknown } | { status: number; data?: unknown } | 'pending';
/** A fixed reply, or one computed from the request (e.g. by its query parameters). */
export type Route = Reply | ((request: BackendSrvRequest) => Reply);

export interface FakeBackend {
  requests: BackendSrvRequest[];
}

/**
 * Installs a BackendSrv whose fetch answers by the request path (without the query string).
 * Paths are matched by suffix, e.g. `/analytics/insights` (the longest wins; `''` matches every path);
 * unmatched paths answer 404.
 */
export function installFakeBackend(routes: Record<string, Route>): FakeBackend {
  const requests: BackendSrvRequest[] = [];
  const fetch = <T>(options: BackendSrvRequest) =>
    new Observable<FetchResponse<T>>((subscriber) => {
      requests.push(options);
      const path = options.url.split('?')[0] ?? '';
      const key = Object.keys(routes)
        .sort((a, b) => b.length - a.length)
        .find((suffix) => path.endsWith(suffix));
      const route: Route = key !== undefined ? routes[key]! : { status: 404, data: { message: `no fake for ${path}` } };
      const reply = typeof route === 'function' ? route(options) : route;
      if (reply === 'pending') {
        return;
      }
      if ('status' in reply) {
        subscriber.error({ status: reply.status, data: reply.data, config: options });
        return;
      }
      subscriber.next({
        data: reply.data as T,
        status: 200,
        ok: true,
        statusText: 'OK',
        headers: new Headers(),
        redirected: false,
        type: 'basic',
        url: options.url,
        config: options,
      });
      subscriber.complete();
    });
  setBackendSrv({ fetch } as unknown as BackendSrv);
  return { requests };
}

/** The query parameters of a recorded request. */
export function paramsOf(request: BackendSrvRequest): URLSearchParams {
  return new URLSearchParams(request.url.split('?')[1] ?? '');
}
