/**
 * One OTLP/HTTP export request, from raw body to durable commit, answered as
 * the OTLP specification says (https://opentelemetry.io/docs/specs/otlp/#otlphttp-response)
 * in the request's own encoding.
 */
import type { Readable } from 'node:stream';
import { emptyBatch, type RecordBatch } from '../model/records';
import { ClosedError, OverloadedError, type BatchWriter } from '../store/batch-writer';
import type { AnalyzerMetrics } from '../telemetry/analyzer-metrics';
import { BodyError, readOtlpBody, type BodyLimits } from './body-reader';
import { decodeMetricsJson } from './otlp-metrics-json';
import { decodeMetricsProtobuf } from './otlp-metrics-protobuf';
import {
  encodeExportResponse,
  encodeStatus,
  encodingOf,
  OTLP_CONTENT_TYPE,
  type OtlpEncoding,
  type OtlpSignal,
} from './otlp-response';
import { decodeTracesJson } from './otlp-trace-json';
import { decodeTracesProtobuf } from './otlp-trace-protobuf';
import { MalformedOtlpError } from './otlp-types';
import { mapResourceMetrics } from './resource-mapper';
import { mapSpans } from './span-mapper';

export interface OtlpAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
  readonly retryAfterSeconds?: number;
}

export interface OtlpRequest {
  readonly signal: OtlpSignal;
  readonly contentType: string | undefined;
  readonly contentEncoding: string | undefined;
  readonly body: Readable | undefined;
}

/** gRPC status codes carried in `google.rpc.Status` bodies. */
const RPC = { invalidArgument: 3, resourceExhausted: 8, unavailable: 14 } as const;

interface Decoded {
  batch: RecordBatch;
  rejected: number;
  errorMessage: string | undefined;
}

export class OtlpIngestor {
  constructor(
    private readonly writer: BatchWriter,
    private readonly metrics: AnalyzerMetrics,
    private readonly limits: BodyLimits,
  ) {}

  async handle(request: OtlpRequest): Promise<OtlpAnswer> {
    const encoding = encodingOf(request.contentType);
    if (encoding === undefined || request.body === undefined) {
      return this.refuse(
        request.signal,
        'json',
        415,
        RPC.invalidArgument,
        `Content-Type must be ${OTLP_CONTENT_TYPE.protobuf} or ${OTLP_CONTENT_TYPE.json}`,
      );
    }
    const stopTimer = this.metrics.ingestDuration.startTimer({ signal: request.signal });
    let raw: Buffer;
    try {
      raw = await readOtlpBody(request.body, request.contentEncoding, this.limits);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      const status = error.kind === 'too_large' ? 413 : error.kind === 'unsupported_encoding' ? 415 : 400;
      return this.refuse(request.signal, encoding, status, RPC.invalidArgument, error.message);
    }
    let decoded: Decoded;
    try {
      decoded =
        request.signal === 'traces' ? this.decodeTraces(raw, encoding) : this.decodeMetrics(raw, encoding);
    } catch (error) {
      if (!(error instanceof MalformedOtlpError)) throw error;
      return this.refuse(
        request.signal,
        encoding,
        400,
        RPC.invalidArgument,
        `malformed OTLP ${request.signal} request: ${error.message}`,
      );
    }
    try {
      await this.writer.submit(decoded.batch);
    } catch (error) {
      if (error instanceof OverloadedError) {
        return this.refuse(
          request.signal,
          encoding,
          429,
          RPC.resourceExhausted,
          error.message,
          error.retryAfterSeconds,
        );
      }
      const message = error instanceof ClosedError ? error.message : 'the store cannot write right now';
      return this.refuse(request.signal, encoding, 503, RPC.unavailable, message, 5);
    }
    this.count(decoded.batch);
    stopTimer();
    return {
      status: 200,
      contentType: OTLP_CONTENT_TYPE[encoding],
      body: toBuffer(encodeExportResponse(encoding, request.signal, decoded.rejected, decoded.errorMessage)),
    };
  }

  private decodeTraces(raw: Buffer, encoding: OtlpEncoding): Decoded {
    const resourceSpans = encoding === 'protobuf' ? decodeTracesProtobuf(raw) : decodeTracesJson(raw);
    const mapped = mapSpans(resourceSpans);
    for (const [reason, count] of Object.entries(mapped.rejected))
      this.metrics.spansRejected.inc({ reason }, count);
    return { batch: mapped.batch, rejected: mapped.rejectedCount, errorMessage: mapped.firstError };
  }

  private decodeMetrics(raw: Buffer, encoding: OtlpEncoding): Decoded {
    const resourceMetrics = encoding === 'protobuf' ? decodeMetricsProtobuf(raw) : decodeMetricsJson(raw);
    const batch = emptyBatch();
    batch.resources = mapResourceMetrics(resourceMetrics);
    return { batch, rejected: 0, errorMessage: undefined };
  }

  private count(batch: RecordBatch): void {
    if (batch.executions.length)
      this.metrics.spansIngested.inc({ kind: 'execution' }, batch.executions.length);
    if (batch.steps.length) this.metrics.spansIngested.inc({ kind: 'step' }, batch.steps.length);
    if (batch.recoveries.length)
      this.metrics.spansIngested.inc({ kind: 'recovery' }, batch.recoveries.length);
    if (batch.resources.length) this.metrics.resourceSamplesIngested.inc(batch.resources.length);
  }

  private refuse(
    signal: OtlpSignal,
    encoding: OtlpEncoding,
    status: number,
    code: number,
    message: string,
    retryAfterSeconds?: number,
  ): OtlpAnswer {
    this.metrics.requestsRefused.inc({ signal, status: String(status) });
    return {
      status,
      contentType: OTLP_CONTENT_TYPE[encoding],
      body: toBuffer(encodeStatus(encoding, code, message)),
      retryAfterSeconds,
    };
  }
}

function toBuffer(body: Buffer | string): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}
