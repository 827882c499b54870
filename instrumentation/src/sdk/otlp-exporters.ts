import { getSharedConfigurationDefaults, OTLPExporterBase } from '@opentelemetry/otlp-exporter-base';
import {
  convertLegacyHttpOptions,
  createOtlpHttpExportDelegate,
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

const PROTOBUF = 'application/x-protobuf';
const SPAN_EXPORTER_COMPONENT = 'otlp_http_span_exporter';
const METRIC_EXPORTER_COMPONENT = 'otlp_http_metric_exporter';

/**
 * The exporter of the OpenTelemetry destination (Tempo, a Collector, a
 * vendor): configured as OpenTelemetry's OTLP exporter is, from
 * `OTEL_EXPORTER_OTLP_*` (headers, certificates, compression) and
 * `OTEL_EXPORTER_OTLP_PROTOCOL` (`http/protobuf` or `http/json`).
 */
export function createOtlpSpanExporter(
  url: string,
  protocol: OtlpProtocol,
  timeoutMillis: number,
): SpanExporter {
  const json = protocol === 'http/json';
  const options = convertLegacyHttpOptions({ url, timeoutMillis }, 'TRACES', 'v1/traces', {
    'Content-Type': json ? 'application/json' : PROTOBUF,
  });
  return new OTLPExporterBase<ReadableSpan[]>(
    createOtlpHttpExportDelegate(
      options,
      json ? JsonTraceSerializer : ProtobufTraceSerializer,
      SPAN_EXPORTER_COMPONENT,
      TraceExporterMetricsHelper,
      undefined,
    ),
  );
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
  return new OTLPExporterBase<ReadableSpan[]>(
    createOtlpHttpExportDelegate(
      isolatedHttpOptions(url, headers, timeoutMillis),
      ProtobufTraceSerializer,
      SPAN_EXPORTER_COMPONENT,
      TraceExporterMetricsHelper,
      undefined,
    ),
  );
}

/** The analyzer's metric exporter, isolated from `OTEL_EXPORTER_OTLP_*` like its span exporter. */
export function createAnalyzerMetricDelegate(
  url: string,
  headers: Readonly<Record<string, string>>,
  timeoutMillis: number,
): OTLPExporterBase<ResourceMetrics> {
  return new OTLPExporterBase<ResourceMetrics>(
    createOtlpHttpExportDelegate(
      isolatedHttpOptions(url, headers, timeoutMillis),
      ProtobufMetricsSerializer,
      METRIC_EXPORTER_COMPONENT,
      MetricsExporterMetricsHelper,
      undefined,
    ),
  );
}

function isolatedHttpOptions(url: string, headers: Readonly<Record<string, string>>, timeoutMillis: number) {
  const own = { ...headers, 'Content-Type': PROTOBUF };
  return {
    ...getSharedConfigurationDefaults(),
    timeoutMillis,
    url,
    headers: async () => own,
    agentFactory: httpAgentFactoryFromOptions({ keepAlive: true }),
  };
}
