import { DiagLogLevel } from '@opentelemetry/api';
import { DEFAULTS, loadConfig, parseHeaders } from '../src/config/config';

describe('loadConfig', () => {
  it('uses the defaults with an empty environment', () => {
    expect(loadConfig({}, {})).toEqual({
      ...DEFAULTS,
      tracesUrl: undefined,
      analyzerUrl: undefined,
      metricsHost: undefined,
    });
  });

  it.each([
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://tempo:4318/v1/traces' }, 'http://tempo:4318/v1/traces'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://tempo:4318/' }, 'http://tempo:4318/v1/traces'],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:1', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:2/x' },
      'http://b:2/x',
    ],
    [{}, undefined],
  ])('resolves the traces endpoint from %p', (env, expected) => {
    expect(loadConfig({}, env).tracesUrl).toBe(expected);
  });

  it.each([
    ['RPA_METRICS_PORT', 'abc', 'metricsPort'],
    ['RPA_METRICS_PORT', '70000', 'metricsPort'],
    ['RPA_RESOURCE_INTERVAL_MS', '-5', 'resourceIntervalMs'],
    ['RPA_MAX_QUEUE_SIZE', '0', 'maxQueueSize'],
    ['RPA_METRICS_CARDINALITY_LIMIT', '1.5', 'cardinalityLimit'],
  ] as const)('ignores %s=%s and keeps the default', (key, value, field) => {
    expect(loadConfig({}, { [key]: value })[field]).toBe(DEFAULTS[field]);
  });

  it('reads the analyzer, its headers, the port, the interval and the switch-off', () => {
    const config = loadConfig(
      {},
      {
        RPA_ANALYZER_URL: 'http://analyzer:4319',
        RPA_ANALYZER_HEADERS: 'authorization=Bearer%20abc,x-tenant=t1',
        RPA_METRICS_PORT: '9999',
        RPA_RESOURCE_INTERVAL_MS: '250',
        OTEL_SDK_DISABLED: 'true',
      },
    );
    expect(config).toMatchObject({
      analyzerUrl: 'http://analyzer:4319',
      analyzerHeaders: { authorization: 'Bearer abc', 'x-tenant': 't1' },
      metricsPort: 9999,
      resourceIntervalMs: 250,
      disabled: true,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('batches for the analyzer within 100 ms by default, and for Tempo with OpenTelemetry’s OTEL_BSP_* defaults', () => {
    expect(loadConfig({}, {})).toMatchObject({
      scheduledDelayMs: 100,
      otlpScheduledDelayMs: 5000,
      otlpMaxQueueSize: 2048,
      otlpMaxExportBatchSize: 512,
      otlpExportTimeoutMs: 30000,
    });
  });

  it('reads the analyzer’s delay and OTEL_BSP_* for Tempo from the environment', () => {
    const config = loadConfig(
      {},
      {
        RPA_ANALYZER_BSP_SCHEDULE_DELAY: '250',
        OTEL_BSP_SCHEDULE_DELAY: '2000',
        OTEL_BSP_MAX_QUEUE_SIZE: '100',
        OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '50',
        OTEL_BSP_EXPORT_TIMEOUT: '1000',
      },
    );
    expect(config).toMatchObject({
      scheduledDelayMs: 250,
      otlpScheduledDelayMs: 2000,
      otlpMaxQueueSize: 100,
      otlpMaxExportBatchSize: 50,
      otlpExportTimeoutMs: 1000,
    });
  });

  it('reads OpenTelemetry’s variables for what they configure here', () => {
    expect(
      loadConfig(
        {},
        {
          OTEL_EXPORTER_PROMETHEUS_PORT: '9999',
          OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
          OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
          OTEL_METRIC_EXPORT_INTERVAL: '30000',
          OTEL_LOG_LEVEL: 'DEBUG',
        },
      ),
    ).toMatchObject({
      metricsPort: 9999,
      metricsHost: '127.0.0.1',
      otlpProtocol: 'http/json',
      metricExportIntervalMs: 30000,
      metricExportTimeoutMs: 10000,
      logLevel: DiagLogLevel.DEBUG,
    });
  });

  it('prefers RPA_METRICS_PORT to OTEL_EXPORTER_PROMETHEUS_PORT, and the traces protocol to the general one', () => {
    const config = loadConfig(
      {},
      {
        RPA_METRICS_PORT: '-1',
        OTEL_EXPORTER_PROMETHEUS_PORT: '9999',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
      },
    );
    expect(config).toMatchObject({ metricsPort: -1, otlpProtocol: 'http/protobuf' });
  });

  it.each([
    ['OTEL_EXPORTER_OTLP_PROTOCOL', 'grpc', 'otlpProtocol'],
    ['OTEL_LOG_LEVEL', 'loud', 'logLevel'],
    ['OTEL_METRIC_EXPORT_INTERVAL', '5', 'metricExportIntervalMs'],
    ['RPA_SHUTDOWN_GRACE_MS', '-1', 'shutdownGraceMs'],
    ['RPA_METRICS_SERIES_BUDGET', 'lots', 'seriesBudget'],
  ] as const)('warns about %s=%s and keeps the default', (key, value, field) => {
    const warnings: string[] = [];
    const config = loadConfig({}, { [key]: value }, (message) => warnings.push(message));
    expect(config[field]).toBe(field === 'logLevel' ? undefined : DEFAULTS[field]);
    expect(warnings).toEqual([expect.stringContaining(key)]);
  });

  it('lets code options win over the environment', () => {
    expect(loadConfig({ metricsPort: 0 }, { RPA_METRICS_PORT: '9999' }).metricsPort).toBe(0);
  });

  it('ignores a URL that is not http(s)', () => {
    expect(loadConfig({}, { RPA_ANALYZER_URL: 'ftp://x' }).analyzerUrl).toBeUndefined();
  });
});

describe('parseHeaders', () => {
  it.each([
    ['a=1,b=2', { a: '1', b: '2' }],
    [' a = 1 , ', { a: '1' }],
    ['k=v=w', { k: 'v=w' }],
    ['novalue', undefined],
    ['=x', undefined],
  ])('parses %p', (raw, expected) => {
    expect(parseHeaders(raw)).toEqual(expected);
  });
});
