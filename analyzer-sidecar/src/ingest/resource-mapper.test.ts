import { JsonMetricsSerializer, ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { recordResourceGauges } from '../test-support/sdk-metrics';
import { decodeMetricsJson } from './otlp-metrics-json';
import { decodeMetricsProtobuf } from './otlp-metrics-protobuf';
import { mapResourceMetrics } from './resource-mapper';

describe('mapResourceMetrics', () => {
  it.each([
    [
      'protobuf',
      (m: ResourceMetrics) =>
        decodeMetricsProtobuf(Buffer.from(ProtobufMetricsSerializer.serializeRequest(m) as Uint8Array)),
    ],
    [
      'json',
      (m: ResourceMetrics) =>
        decodeMetricsJson(Buffer.from(JsonMetricsSerializer.serializeRequest(m) as Uint8Array)),
    ],
  ])('turns the resource gauges the SDK exports (%s) into one sample', async (_encoding, decode) => {
    const records = mapResourceMetrics(decode(await recordResourceGauges()));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      service_instance_id: 'bot-7',
      cpu_percent: 42,
      memory_mb: 512,
      gpu_utilization: 90,
      gpu_memory_mb: null,
      disk_io_mb: 4,
    });
    expect(records[0]?.timestamp).toBeGreaterThan(Date.now() - 60_000);
  });
});
