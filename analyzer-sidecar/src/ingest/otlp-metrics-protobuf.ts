/**
 * Decodes `ExportMetricsServiceRequest` (opentelemetry-proto `metrics/v1/metrics.proto`),
 * keeping the number data points of gauges and sums: the resource samples.
 */
import { DecodeBudget } from './limits/decode-budget';
import { DEFAULT_DECODE_LIMITS, type DecodeLimits } from './limits/decode-limits';
import { readKeyValue, readResource } from './otlp-attributes-protobuf';
import { halvesToMs, ProtoReader, WIRE } from './proto-reader';
import {
  newAttributes,
  type Attributes,
  type DecodedDataPoint,
  type DecodedMetric,
  type DecodedResourceMetrics,
} from './otlp-types';

/** Throws MalformedOtlpError (400) or DecodeLimitError (413, or 400 when too deep). */
export function decodeMetricsProtobuf(
  body: Buffer,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
): DecodedResourceMetrics[] {
  const reader = new ProtoReader(body, 0, body.length, new DecodeBudget(limits));
  const result: DecodedResourceMetrics[] = [];
  while (!reader.done()) {
    const tag = reader.uint();
    if (tag >>> 3 === 1) {
      reader.expect(tag & 7, WIRE.len, 'resource_metrics');
      result.push(readResourceMetrics(reader.message('resource_metrics')));
    } else reader.skip(tag & 7);
  }
  return result;
}

function readResourceMetrics(reader: ProtoReader): DecodedResourceMetrics {
  let resource: Attributes = newAttributes();
  const metrics: DecodedMetric[] = [];
  while (!reader.done()) {
    const tag = reader.uint();
    const field = tag >>> 3;
    if (field === 1) {
      reader.expect(tag & 7, WIRE.len, 'ResourceMetrics.resource');
      resource = readResource(reader.message('ResourceMetrics.resource'));
    } else if (field === 2) {
      reader.expect(tag & 7, WIRE.len, 'ResourceMetrics.scope_metrics');
      readScopeMetrics(reader.message('ResourceMetrics.scope_metrics'), metrics);
    } else reader.skip(tag & 7);
  }
  return { resource, metrics };
}

function readScopeMetrics(reader: ProtoReader, into: DecodedMetric[]): void {
  while (!reader.done()) {
    const tag = reader.uint();
    if (tag >>> 3 === 2) {
      reader.expect(tag & 7, WIRE.len, 'ScopeMetrics.metrics');
      into.push(readMetric(reader.message('ScopeMetrics.metrics')));
    } else reader.skip(tag & 7);
  }
}

function readMetric(reader: ProtoReader): DecodedMetric {
  const metric: DecodedMetric = { name: '', points: [] };
  while (!reader.done()) {
    const tag = reader.uint();
    const field = tag >>> 3;
    if (field === 1) {
      reader.expect(tag & 7, WIRE.len, 'Metric.name');
      metric.name = reader.boundedString('Metric.name');
    } else if (field === 5 || field === 7) {
      reader.expect(tag & 7, WIRE.len, field === 5 ? 'Metric.gauge' : 'Metric.sum');
      readNumberPoints(reader.message('Metric.data'), metric.points);
    } else reader.skip(tag & 7);
  }
  return metric;
}

function readNumberPoints(reader: ProtoReader, into: DecodedDataPoint[]): void {
  while (!reader.done()) {
    const tag = reader.uint();
    if (tag >>> 3 === 1) {
      reader.expect(tag & 7, WIRE.len, 'data_points');
      reader.budget.span('data_points');
      into.push(readNumberDataPoint(reader.message('data_points')));
    } else reader.skip(tag & 7);
  }
}

function readNumberDataPoint(reader: ProtoReader): DecodedDataPoint {
  const point: DecodedDataPoint = { attributes: newAttributes(), timeMs: 0, value: 0 };
  let attributes = 0;
  while (!reader.done()) {
    const tag = reader.uint();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 3: {
        reader.expect(wire, WIRE.fixed64, 'NumberDataPoint.time_unix_nano');
        const [high, low] = reader.fixed64Halves();
        point.timeMs = halvesToMs(high, low);
        break;
      }
      case 4:
        reader.expect(wire, WIRE.fixed64, 'NumberDataPoint.as_double');
        point.value = reader.double();
        break;
      case 6:
        reader.expect(wire, WIRE.fixed64, 'NumberDataPoint.as_int');
        point.value = reader.sfixed64();
        break;
      case 7:
        reader.expect(wire, WIRE.len, 'NumberDataPoint.attributes');
        attributes = readKeyValue(
          reader.message('NumberDataPoint.attributes'),
          point.attributes,
          attributes,
          'NumberDataPoint.attributes',
        );
        break;
      default:
        reader.skip(wire);
    }
  }
  return point;
}
