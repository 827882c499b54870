/** The hot path alone: protobuf decode and span mapping of SDK-encoded bodies, on one core. */
import { decodeTracesProtobuf } from '../src/ingest/otlp-trace-protobuf';
import { mapSpans } from '../src/ingest/span-mapper';
import { executionSpecs, protobufBody, recordSpans } from '../src/test-support/sdk-spans';

export interface DecodeFigures {
  spansPerSecond: number;
  bytesPerSpan: number;
}

export function benchDecode(rounds = 6): DecodeFigures {
  const bodies: Buffer[] = [];
  for (let b = 0; b < 50; b++) {
    const specs = [];
    for (let e = 0; e < 32; e++)
      specs.push(...executionSpecs(`d-${b}-${e}`, `wf-${e % 20}`, Date.now() + b * 1000 + e, 15));
    bodies.push(
      protobufBody(
        recordSpans(specs, { 'service.name': 'executor', 'host.name': 'h', 'service.instance.id': 'i' }),
      ),
    );
  }
  let best = 0;
  let spans = 0;
  for (let round = 0; round < rounds; round++) {
    const started = process.hrtime.bigint();
    spans = 0;
    for (const body of bodies) spans += mapSpans(decodeTracesProtobuf(body)).batch.steps.length + 32;
    best = Math.max(best, spans / (Number(process.hrtime.bigint() - started) / 1e9));
  }
  return { spansPerSecond: best, bytesPerSpan: bodies.reduce((n, b) => n + b.length, 0) / spans };
}
