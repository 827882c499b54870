import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { RPA_SPAN_PREFIX } from '../conventions';

/** Whether a span belongs to the RPA contract (`rpa.*`): the only spans the analyzer accepts. */
export function isRpaSpan(span: Pick<ReadableSpan, 'name'>): boolean {
  return span.name.startsWith(RPA_SPAN_PREFIX);
}

/**
 * Passes only `rpa.*` spans on: on a host's tracer provider, its HTTP and
 * database spans would otherwise reach the analyzer, which rejects them.
 */
export class RpaSpanFilter implements SpanProcessor {
  constructor(private readonly next: SpanProcessor) {}

  onStart(span: Span, parentContext: Context): void {
    if (isRpaSpan(span)) this.next.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    if (isRpaSpan(span)) this.next.onEnd(span);
  }

  forceFlush(): Promise<void> {
    return this.next.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.next.shutdown();
  }
}
