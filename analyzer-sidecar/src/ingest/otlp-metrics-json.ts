/** Decodes `ExportMetricsServiceRequest` from OTLP/JSON (gauges and sums only). */
import { halvesToMs } from './proto-reader';
import {
  arrayField,
  asObject,
  attributesField,
  integerField,
  nanosField,
  ownField,
  readEnvelopes,
  stringField,
  type JsonObject,
} from './otlp-json';
import { MalformedOtlpError, type DecodedMetric, type DecodedResourceMetrics } from './otlp-types';

export function decodeMetricsJson(body: Buffer): DecodedResourceMetrics[] {
  return readEnvelopes(
    body,
    { resource: 'resourceMetrics', scope: 'scopeMetrics', item: 'metrics' },
    readMetric,
  ).map(({ resource, items }) => ({ resource, metrics: items }));
}

function readMetric(metric: JsonObject, path: string): DecodedMetric {
  const result: DecodedMetric = { name: stringField(metric, 'name', path), points: [] };
  for (const kind of ['gauge', 'sum']) {
    const raw = ownField(metric, kind);
    if (raw === undefined || raw === null) continue;
    arrayField(asObject(raw, `${path}.${kind}`), 'dataPoints', `${path}.${kind}`).forEach((pointRaw, i) => {
      const pointPath = `${path}.${kind}.dataPoints[${i}]`;
      const point = asObject(pointRaw, pointPath);
      const [high, low] = nanosField(point, 'timeUnixNano', pointPath);
      result.points.push({
        attributes: attributesField(point, 'attributes', pointPath),
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
