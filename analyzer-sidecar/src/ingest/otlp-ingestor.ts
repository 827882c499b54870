/**
 * One OTLP/HTTP export request, from raw body to durable commit, answered as
 * the OTLP specification says (https://opentelemetry.io/docs/specs/otlp/#otlphttp-response)
 * in the request's own encoding. Admission (latency), the bytes in flight and
 * the decode limits keep what one request, or many at once, can cost bounded.
 */
import type { Readable } from 'node:stream';
import type { IngestConfig } from '../config/ingest-config';
import { ClosedError, OverloadedError, type BatchWriter } from '../store/batch-writer';
import type { AnalyzerMetrics } from '../telemetry/analyzer-metrics';
import { decideAdmission, type AdmissionDecision } from './admission/admission';
import { TIMED_OUT, withDeadline } from './admission/deadline';
import { RequestsOnTheirWay } from './admission/requests-on-their-way';
import { BodyError, readOtlpBody } from './body-reader';
import type { Decoded } from './decode-request';
import { DecoderUnavailableError, inThreadDecoder, type RequestDecoder } from './decode-pool/request-decoder';
import { DecodeLimitError } from './limits/decode-limits';
import type { InflightBytes } from './limits/inflight-bytes';
import {
  encodeExportResponse,
  encodeStatus,
  encodingOf,
  OTLP_CONTENT_TYPE,
  type OtlpEncoding,
  type OtlpSignal,
} from './otlp-response';
import { MalformedOtlpError } from './otlp-types';

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

export interface IngestorDependencies {
  readonly writer: BatchWriter;
  readonly metrics: AnalyzerMetrics;
  readonly config: IngestConfig;
  readonly inflight: InflightBytes;
  /** Recent event-loop delay in milliseconds (admission/loop-lag). */
  readonly loopLagMs: () => number;
  /** Where bodies are decoded (decode-pool); by default on the main thread. */
  readonly decoder?: RequestDecoder;
}

/** gRPC status codes carried in `google.rpc.Status` bodies. */
const RPC = { invalidArgument: 3, resourceExhausted: 8, unavailable: 14 } as const;

const BODY_STATUS: Readonly<Record<BodyError['kind'], number>> = {
  too_large: 413,
  unsupported_encoding: 415,
  bad_encoding: 400,
  busy: 429,
};

type Refusal = readonly [status: number, code: number, message: string, retryAfterSeconds?: number];

export class OtlpIngestor {
  private readonly decoder: RequestDecoder;
  private readonly onTheirWay: RequestsOnTheirWay;

  constructor(private readonly deps: IngestorDependencies) {
    this.decoder = deps.decoder ?? inThreadDecoder(deps.config);
    this.onTheirWay = new RequestsOnTheirWay(() => deps.writer.startCommit());
  }

  async handle(request: OtlpRequest): Promise<OtlpAnswer> {
    const encoding = encodingOf(request.contentType);
    if (encoding === undefined || request.body === undefined) {
      const message = `Content-Type must be ${OTLP_CONTENT_TYPE.protobuf} or ${OTLP_CONTENT_TYPE.json}`;
      return this.refuse(request.signal, 'json', [415, RPC.invalidArgument, message]);
    }
    const arrivedAt = Date.now();
    const admission = this.admission();
    if (!admission.admit) {
      request.body.resume();
      const refusal = [429, RPC.resourceExhausted, admission.reason, admission.retryAfterSeconds] as const;
      return this.refuse(request.signal, encoding, refusal);
    }
    const handedOver = this.onTheirWay.arrive();
    try {
      return await this.readAndCommit(request, request.body, encoding, arrivedAt, handedOver);
    } finally {
      handedOver();
    }
  }

  private async readAndCommit(
    request: OtlpRequest,
    body: Readable,
    encoding: OtlpEncoding,
    arrivedAt: number,
    handedOver: () => void,
  ): Promise<OtlpAnswer> {
    const stopTimer = this.deps.metrics.ingestDuration.startTimer({ signal: request.signal });
    let raw: Buffer;
    try {
      raw = await readOtlpBody(body, request.contentEncoding, this.deps.config, this.deps.inflight);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      const retry = error.kind === 'busy' ? 1 : undefined;
      return this.refuse(request.signal, encoding, [
        BODY_STATUS[error.kind],
        codeOf(error),
        error.message,
        retry,
      ]);
    }
    // The decoder may take the body's memory (a worker): what it held is counted now.
    const held = raw.length;
    try {
      const answer = await this.decodeAndCommit(request.signal, encoding, raw, arrivedAt, handedOver);
      if (answer.status === 200) stopTimer();
      return answer;
    } finally {
      this.deps.inflight.give(held);
    }
  }

  private async decodeAndCommit(
    signal: OtlpSignal,
    encoding: OtlpEncoding,
    raw: Buffer,
    arrivedAt: number,
    handedOver: () => void,
  ): Promise<OtlpAnswer> {
    let decoded: Decoded;
    try {
      decoded = await this.decoder.decode(signal, encoding, raw);
    } catch (error) {
      return this.refuse(signal, encoding, decodeRefusal(signal, error));
    }
    for (const [reason, count] of Object.entries(decoded.rejectedByReason))
      this.deps.metrics.spansRejected.inc({ reason }, count);
    const refusal = await this.commit(decoded, arrivedAt, handedOver);
    if (refusal !== undefined) return this.refuse(signal, encoding, refusal);
    this.count(decoded);
    return {
      status: 200,
      contentType: OTLP_CONTENT_TYPE[encoding],
      body: toBuffer(encodeExportResponse(encoding, signal, decoded.rejected, decoded.errorMessage)),
    };
  }

  /** Latency admission: the wait for a commit (already, or expected from the rows ahead) and the event loop's. */
  private admission(): AdmissionDecision {
    const { writer } = this.deps;
    return decideAdmission(this.deps.config.maxQueueDelayMs, {
      writerDelayMs: () => Math.max(writer.queueDelayMs(), writer.expectedWaitMs()),
      loopLagMs: this.deps.loopLagMs,
    });
  }

  /** Undefined once durable; otherwise why not. The deadline counts from the request's arrival. */
  private async commit(
    decoded: Decoded,
    arrivedAt: number,
    handedOver: () => void,
  ): Promise<Refusal | undefined> {
    const deadlineMs = this.deps.config.answerDeadlineMs;
    const remainingMs = arrivedAt + deadlineMs - Date.now();
    try {
      if (remainingMs <= 0)
        return [503, RPC.unavailable, `not committed within ${deadlineMs} ms; retry later`, 2];
      const submitted = this.deps.writer.submit(decoded.batch);
      handedOver();
      const outcome = await withDeadline(submitted, remainingMs);
      if (outcome !== TIMED_OUT) return undefined;
      // The commit may still happen: a retry is stored once (inserts are idempotent).
      const message = `not committed within ${deadlineMs} ms; retry later`;
      return [503, RPC.unavailable, message, 2];
    } catch (error) {
      if (error instanceof OverloadedError)
        return [429, RPC.resourceExhausted, error.message, error.retryAfterSeconds];
      const message = error instanceof ClosedError ? error.message : 'the store cannot write right now';
      return [503, RPC.unavailable, message, 5];
    }
  }

  private count({ batch }: Decoded): void {
    const { spansIngested, resourceSamplesIngested } = this.deps.metrics;
    if (batch.executions.length) spansIngested.inc({ kind: 'execution' }, batch.executions.length);
    if (batch.steps.length) spansIngested.inc({ kind: 'step' }, batch.steps.length);
    if (batch.recoveries.length) spansIngested.inc({ kind: 'recovery' }, batch.recoveries.length);
    if (batch.resources.length) resourceSamplesIngested.inc(batch.resources.length);
  }

  private refuse(signal: OtlpSignal, encoding: OtlpEncoding, refusal: Refusal): OtlpAnswer {
    const [status, code, message, retryAfterSeconds] = refusal;
    this.deps.metrics.requestsRefused.inc({ signal, status: String(status) });
    return {
      status,
      contentType: OTLP_CONTENT_TYPE[encoding],
      body: toBuffer(encodeStatus(encoding, code, message)),
      retryAfterSeconds,
    };
  }
}

function codeOf(error: BodyError): number {
  return error.kind === 'busy' ? RPC.resourceExhausted : RPC.invalidArgument;
}

/**
 * A malformed body is 400, a body over a decode limit 413 (400 when nested too
 * deep), a decoder that stopped 503 (nothing was stored: the retry is); anything else is a bug.
 */
function decodeRefusal(signal: OtlpSignal, error: unknown): Refusal {
  if (error instanceof DecoderUnavailableError) return [503, RPC.unavailable, error.message, 5];
  if (error instanceof DecodeLimitError) {
    const code = error.httpStatus === 413 ? RPC.resourceExhausted : RPC.invalidArgument;
    return [error.httpStatus, code, `OTLP ${signal} request over a limit: ${error.message}`];
  }
  if (error instanceof MalformedOtlpError)
    return [400, RPC.invalidArgument, `malformed OTLP ${signal} request: ${error.message}`];
  throw error;
}

function toBuffer(body: Buffer | string): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}
