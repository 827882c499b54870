import { diag, DiagLogLevel } from '@opentelemetry/api';
import { createServer, type Server } from 'node:net';
import { createRpa, type Rpa } from '../src';
import { METRICS_PORT_WARNING_CODE } from '../src/sdk/metrics-server';

async function occupiedPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  return { server, port: (server.address() as { port: number }).port };
}

describe('the Prometheus endpoint', () => {
  let rpa: Rpa | undefined;
  afterEach(async () => {
    await rpa?.shutdown();
    rpa = undefined;
    jest.restoreAllMocks();
  });

  it('tells its URL synchronously once started', async () => {
    rpa = createRpa({ metricsPort: 0, resourceIntervalMs: 0 }).start();
    const url = rpa.metricsUrl();
    expect(url).toMatch(/^http:\/\/localhost:\d+\/metrics$/);
    expect(await rpa.metricsReady()).toBe(url);
    expect((await fetch(url!)).status).toBe(200);
  });

  it('reports a busy port with a warning, and metricsUrl() says it does not listen', async () => {
    const busy = await occupiedPort();
    const warnings = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      rpa = createRpa({ metricsPort: busy.port, resourceIntervalMs: 0 }).start();
      expect(await rpa.metricsReady()).toBeUndefined();
      expect(rpa.metricsUrl()).toBeUndefined();
      expect(warnings).toHaveBeenCalledWith(
        expect.stringContaining(`port ${busy.port} is already in use`),
        expect.objectContaining({ code: METRICS_PORT_WARNING_CODE }),
      );
    } finally {
      await new Promise((resolve) => busy.server.close(resolve));
    }
  });

  it('is not started with RPA_METRICS_PORT=-1', async () => {
    rpa = createRpa({ metricsPort: -1, resourceIntervalMs: 0 }).start();
    expect(rpa.metricsUrl()).toBeUndefined();
    expect(await rpa.metricsReady()).toBeUndefined();
  });
});

describe('OTEL_LOG_LEVEL', () => {
  afterEach(() => {
    diag.disable();
    jest.restoreAllMocks();
  });

  it('installs a console diag logger that also gets the configuration’s warnings', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const saved = process.env.RPA_RESOURCE_INTERVAL_MS;
    process.env.RPA_RESOURCE_INTERVAL_MS = 'often';
    try {
      const rpa = createRpa({ logLevel: DiagLogLevel.WARN, metricsPort: -1, flushOnSignals: false }).start();
      await rpa.shutdown();
    } finally {
      if (saved === undefined) delete process.env.RPA_RESOURCE_INTERVAL_MS;
      else process.env.RPA_RESOURCE_INTERVAL_MS = saved;
    }
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('RPA_RESOURCE_INTERVAL_MS=often'));
  });
});
