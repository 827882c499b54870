import {
  createOtlpNetworkExportDelegate,
  getSharedConfigurationDefaults,
  OTLPExporterBase,
} from '@opentelemetry/otlp-exporter-base';
import {
  convertLegacyHttpOptions,
  createOtlpHttpExporterMetrics,
  httpAgentFactoryFromOptions,
} from '@opentelemetry/otlp-exporter-base/node-http';
import {
  JsonTraceSerializer,
  MetricsExporterMetricsHelper,
  ProtobufMetricsSerializer,
  ProtobufTraceSerializer,
  TraceExporterMetricsHelper,
} from '@opentelemetry/otlp-transformer';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { OtlpProtocol } from '../config/config';
import { UnrefHttpTransport, type HttpTransportOptions } from './unref-http-transport';

const PROTOBUF = 'application/x-protobuf';
const SPAN_EXPORTER_COMPONENT = 'otlp_http_span_exporter';
const METRIC_EXPORTER_COMPONENT = 'otlp_http_metric_exporter';

type ExporterOptions = HttpTransportOptions & {
  readonly timeoutMillis: number;
  readonly concurrencyLimit: number;
};

/**
 * The exporter of the OpenTelemetry destination (Tempo, a Collector, a
 * vendor): configured as OpenTelemetry's OTLP exporter is, from
 * `OTEL_EXPORTER_OTLP_*` (headers, timeout, certificates, compression) and
 * `OTEL_EXPORTER_OTLP_PROTOCOL` (`http/protobuf` or `http/json`).
 */
export function createOtlpSpanExporter(url: string, protocol: OtlpProtocol): SpanExporter {
  const json = protocol === 'http/json';
  const options = convertLegacyHttpOptions({ url }, 'TRACES', 'v1/traces', {
    'Content-Type': json ? 'application/json' : PROTOBUF,
  });
  return spanExporter(options, json ? JsonTraceSerializer : ProtobufTraceSerializer);
}

/**
 * The analyzer's span exporter. It reads no `OTEL_EXPORTER_OTLP_*` variable:
 * those configure the host's OpenTelemetry destination (a vendor's
 * credentials, say), which must never reach the analyzer. It carries only
 * its own headers (`RPA_ANALYZER_HEADERS`).
 */
export function createAnalyzerSpanExporter(
  url: string,
  headers: Readonly<Record<string, string>>,
  timeoutMillis: number,
): SpanExporter {
  return spanExporter(isolatedOptions(url, headers, timeoutMillis), ProtobufTraceSerializer);
}

/** The analyzer's metric exporter, isolated from `OTEL_EXPORTER_OTLP_*` like its span exporter. */
export function createAnalyzerMetricDelegate(
  url: string,
  headers: Readonly<Record<string, string>>,
  timeoutMillis: number,
): OTLPExporterBase<ResourceMetrics> {
  const options = isolatedOptions(url, headers, timeoutMillis);
  return new OTLPExporterBase<ResourceMetrics>(
    createOtlpNetworkExportDelegate(
      options,
      ProtobufMetricsSerializer,
      createOtlpHttpExporterMetrics(METRIC_EXPORTER_COMPONENT, MetricsExporterMetricsHelper, url, undefined),
      new UnrefHttpTransport(options),
    ),
  );
}

function spanExporter(
  options: ExporterOptions,
  serializer: typeof ProtobufTraceSerializer | typeof JsonTraceSerializer,
): SpanExporter {
  return new OTLPExporterBase<ReadableSpan[]>(
    createOtlpNetworkExportDelegate(
      options,
      serializer,
      createOtlpHttpExporterMetrics(
        SPAN_EXPORTER_COMPONENT,
        TraceExporterMetricsHelper,
        options.url,
        undefined,
      ),
      new UnrefHttpTransport(options),
    ),
  );
}

function isolatedOptions(
  url: string,
  headers: Readonly<Record<string, string>>,
  timeoutMillis: number,
): ExporterOptions {
  const own = { ...headers, 'Content-Type': PROTOBUF };
  return {
    ...getSharedConfigurationDefaults(),
    timeoutMillis,
    url,
    headers: async () => own,
    agentFactory: httpAgentFactoryFromOptions({ keepAlive: true }),
  };
}
