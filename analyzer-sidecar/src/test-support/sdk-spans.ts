/** Real SDK spans and the exact bodies the OTLP exporters post for them. */
import { SpanStatusCode, type Attributes } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { ATTR, SPAN_NAMES } from '@rpa-analytics/conventions';

export interface SpanSpec {
  name: string;
  attributes: Attributes;
  startMs: number;
  durationMs: number;
  error?: string;
}

export function recordSpans(
  specs: readonly SpanSpec[],
  resource: Attributes = { 'service.name': 'executor' },
): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(resource),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('test');
  for (const spec of specs) {
    const span = tracer.startSpan(spec.name, { attributes: spec.attributes, startTime: spec.startMs });
    if (spec.error !== undefined) {
      span.recordException({ name: 'TimeoutError', message: spec.error });
      span.setStatus({ code: SpanStatusCode.ERROR, message: spec.error });
    }
    span.end(spec.startMs + spec.durationMs);
  }
  return exporter.getFinishedSpans();
}

export function protobufBody(spans: ReadableSpan[]): Buffer {
  return Buffer.from(ProtobufTraceSerializer.serializeRequest(spans) as Uint8Array);
}

export function jsonBody(spans: ReadableSpan[]): Buffer {
  return Buffer.from(JsonTraceSerializer.serializeRequest(spans) as Uint8Array);
}

/** An execution with `steps` steps, as the instrumentation would emit it. */
export function executionSpecs(
  executionId: string,
  workflowId: string,
  startMs: number,
  steps: number,
): SpanSpec[] {
  const specs: SpanSpec[] = [];
  for (let i = 0; i < steps; i++) {
    specs.push({
      name: SPAN_NAMES.step,
      startMs: startMs + i * 10,
      durationMs: 9.5,
      attributes: {
        [ATTR.workflowId]: workflowId,
        [ATTR.executionId]: executionId,
        [ATTR.stepId]: `${executionId}/${i}`,
        [ATTR.stepNodeId]: `node-${i % 5}`,
        [ATTR.stepActionType]: i % 2 ? 'click' : 'type',
        [ATTR.stepTargetElement]: '#submit',
        [ATTR.stepStatus]: 'completed',
        [ATTR.stepConfidence]: 0.93,
        [ATTR.stepRetryCount]: i % 3,
      },
    });
  }
  specs.push({
    name: SPAN_NAMES.execution,
    startMs,
    durationMs: steps * 10,
    attributes: {
      [ATTR.workflowId]: workflowId,
      [ATTR.executionId]: executionId,
      [ATTR.executionStatus]: 'completed',
      [ATTR.executionStepsTotal]: steps,
      [ATTR.executionStepsCompleted]: steps,
      [ATTR.executionStepsFailed]: 0,
      'rpa.context.customer': 'acme',
    },
  });
  return specs;
}
