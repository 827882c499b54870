/** Decodes `ExportMetricsServiceRequest` from OTLP/JSON (gauges and sums only). */
import { halvesToMs } from './proto-reader';
import {
  arrayField,
  asObject,
  attributesField,
  integerField,
  nanosField,
  ownField,
  parseJsonBody,
  stringField,
  type JsonObject,
} from './otlp-json';
import {
  MalformedOtlpError,
  newAttributes,
  type DecodedMetric,
  type DecodedResourceMetrics,
} from './otlp-types';

export function decodeMetricsJson(body: Buffer): DecodedResourceMetrics[] {
  const root = parseJsonBody(body);
  return arrayField(root, 'resourceMetrics', 'body').map((raw, i) => {
    const path = `resourceMetrics[${i}]`;
    const resourceMetrics = asObject(raw, path);
    const resourceRaw = ownField(resourceMetrics, 'resource');
    const resource =
      resourceRaw === undefined || resourceRaw === null
        ? newAttributes()
        : attributesField(asObject(resourceRaw, `${path}.resource`), 'attributes', `${path}.resource`);
    const metrics: DecodedMetric[] = [];
    arrayField(resourceMetrics, 'scopeMetrics', path).forEach((scopeRaw, j) => {
      const scopePath = `${path}.scopeMetrics[${j}]`;
      arrayField(asObject(scopeRaw, scopePath), 'metrics', scopePath).forEach((metricRaw, k) => {
        metrics.push(
          readMetric(asObject(metricRaw, `${scopePath}.metrics[${k}]`), `${scopePath}.metrics[${k}]`),
        );
      });
    });
    return { resource, metrics };
  });
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
