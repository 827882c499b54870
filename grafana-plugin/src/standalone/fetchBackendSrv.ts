import { lastValueFrom, Observable } from 'rxjs';
import type { BackendSrv, BackendSrvRequest, FetchError, FetchResponse } from '@grafana/runtime';

/**
 * A small BackendSrv over window.fetch for the standalone page: same-origin
 * requests carry the analyzer's HttpOnly session cookie; errors take Grafana's
 * FetchError shape ({ status, data, statusText }) so pages handle them alike.
 */
export function createFetchBackendSrv(fetchImpl: typeof fetch = (...args) => window.fetch(...args)): BackendSrv {
  const fetchObservable = <T>(options: BackendSrvRequest): Observable<FetchResponse<T>> =>
    new Observable<FetchResponse<T>>((subscriber) => {
      const controller = new AbortController();
      const headers: Record<string, string> = { Accept: 'application/json', ...(options.headers ?? {}) };
      let body: string | undefined;
      if (options.data !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = typeof options.data === 'string' ? options.data : JSON.stringify(options.data);
      }
      fetchImpl(options.url, {
        method: options.method ?? 'GET',
        headers,
        body,
        credentials: 'same-origin',
        signal: controller.signal,
      })
        .then(async (response) => {
          const text = await response.text();
          let data: unknown = text;
          try {
            data = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text for the error message
          }
          if (!response.ok) {
            const error: FetchError = {
              status: response.status,
              statusText: response.statusText,
              data,
              config: options,
            };
            subscriber.error(error);
            return;
          }
          subscriber.next({
            data: data as T,
            status: response.status,
            statusText: response.statusText,
            ok: response.ok,
            headers: response.headers,
            redirected: response.redirected,
            type: response.type,
            url: response.url,
            config: options,
          });
          subscriber.complete();
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted) {
            const message = error instanceof Error ? error.message : String(error);
            subscriber.error({ status: 0, statusText: message, data: { message }, config: options } as FetchError);
          }
        });
      return () => controller.abort();
    });

  const request = async <T>(options: BackendSrvRequest) => (await lastValueFrom(fetchObservable<T>(options))).data;
  const withMethod =
    (method: string) =>
    <T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>) =>
      request<T>({ ...options, url, method, data });

  const srv = {
    fetch: fetchObservable,
    request,
    datasourceRequest: (options: BackendSrvRequest) => lastValueFrom(fetchObservable(options)),
    get: <T>(
      url: string,
      params?: Record<string, unknown>,
      _requestId?: string,
      options?: Partial<BackendSrvRequest>
    ) => request<T>({ ...options, url, method: 'GET', params }),
    post: withMethod('POST'),
    put: withMethod('PUT'),
    patch: withMethod('PATCH'),
    delete: <T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>) =>
      request<T>({ ...options, url, method: 'DELETE', data }),
    resolveCancelerIfExists: () => undefined,
  };
  return srv as unknown as BackendSrv;
}
