/** An OTLP body, decoded within the decode limits and mapped to records. */
import { emptyBatch, type RecordBatch } from '../model/records';
import type { DecodeLimits } from './limits/decode-limits';
import { decodeMetricsJson } from './otlp-metrics-json';
import { decodeMetricsProtobuf } from './otlp-metrics-protobuf';
import type { OtlpEncoding, OtlpSignal } from './otlp-response';
import { decodeTracesJson } from './otlp-trace-json';
import { decodeTracesProtobuf } from './otlp-trace-protobuf';
import { mapResourceMetrics } from './resource-mapper';
import { mapSpans } from './span-mapper';

export interface Decoded {
  readonly batch: RecordBatch;
  /** Spans not stored (OTLP partial success). */
  readonly rejected: number;
  readonly rejectedByReason: Readonly<Record<string, number>>;
  readonly errorMessage: string | undefined;
}

/** Throws MalformedOtlpError or DecodeLimitError. */
export function decodeRequest(
  signal: OtlpSignal,
  encoding: OtlpEncoding,
  raw: Buffer,
  limits: DecodeLimits,
): Decoded {
  if (signal === 'traces') {
    const resourceSpans =
      encoding === 'protobuf' ? decodeTracesProtobuf(raw, limits) : decodeTracesJson(raw, limits);
    const mapped = mapSpans(resourceSpans);
    return {
      batch: mapped.batch,
      rejected: mapped.rejectedCount,
      rejectedByReason: mapped.rejected,
      errorMessage: mapped.firstError,
    };
  }
  const resourceMetrics =
    encoding === 'protobuf' ? decodeMetricsProtobuf(raw, limits) : decodeMetricsJson(raw, limits);
  const batch = emptyBatch();
  batch.resources = mapResourceMetrics(resourceMetrics);
  return { batch, rejected: 0, rejectedByReason: {}, errorMessage: undefined };
}
