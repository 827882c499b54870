/** Decodes `ExportMetricsServiceRequest` from OTLP/JSON (gauges and sums only). */
import { halvesToMs } from './proto-reader';
import {
  arrayField,
  asObject,
  attributesField,
  boundedStringField,
  integerField,
  nanosField,
  ownField,
  readEnvelopes,
  type JsonObject,
} from './otlp-json';
import type { DecodeBudget } from './limits/decode-budget';
import { DEFAULT_DECODE_LIMITS, type DecodeLimits } from './limits/decode-limits';
import { MalformedOtlpError, type DecodedMetric, type DecodedResourceMetrics } from './otlp-types';

const KEYS = { resource: 'resourceMetrics', scope: 'scopeMetrics', item: 'metrics' } as const;

/** Throws MalformedOtlpError (400) or DecodeLimitError (413, or 400 when too deep). */
export function decodeMetricsJson(
  body: Buffer,
  limits: DecodeLimits = DEFAULT_DECODE_LIMITS,
): DecodedResourceMetrics[] {
  return readEnvelopes(body, KEYS, limits, readMetric).map(({ resource, items }) => ({
    resource,
    metrics: items,
  }));
}

function readMetric(metric: JsonObject, path: string, budget: DecodeBudget): DecodedMetric {
  const result: DecodedMetric = { name: boundedStringField(metric, 'name', path, budget), points: [] };
  for (const kind of ['gauge', 'sum']) {
    const raw = ownField(metric, kind);
    if (raw === undefined || raw === null) continue;
    arrayField(asObject(raw, `${path}.${kind}`), 'dataPoints', `${path}.${kind}`).forEach((pointRaw, i) => {
      const pointPath = `${path}.${kind}.dataPoints[${i}]`;
      budget.span(pointPath);
      const point = asObject(pointRaw, pointPath);
      const [high, low] = nanosField(point, 'timeUnixNano', pointPath);
      result.points.push({
        attributes: attributesField(point, 'attributes', pointPath, budget),
        timeMs: halvesToMs(high, low),
        value: readPointValue(point, pointPath),
      });
    });
  }
  return result;
}

function readPointValue(point: JsonObject, path: string): number {
  const asDouble = ownField(point, 'asDouble');
  if (asDouble !== undefined && asDouble !== null) {
    if (typeof asDouble !== 'number') throw new MalformedOtlpError(`${path}.asDouble must be a number`);
    return asDouble;
  }
  return integerField(point, 'asInt', path);
}
