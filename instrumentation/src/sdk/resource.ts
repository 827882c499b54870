import { randomUUID } from 'node:crypto';
import {
  defaultResource,
  detectResources,
  envDetector,
  hostDetector,
  processDetector,
  resourceFromAttributes,
  type Resource,
} from '@opentelemetry/resources';
import { DEFAULT_SERVICE_NAME, RESOURCE_IDENTITY_ATTR } from '../conventions';

/**
 * The executor's OpenTelemetry resource: SDK defaults with `service.name`
 * `rpa-executor` (rather than `unknown_service:node`), then host and process,
 * then `OTEL_SERVICE_NAME` / `OTEL_RESOURCE_ATTRIBUTES`, which win. Every
 * process gets a `service.instance.id`, so two executors on one host stay apart.
 */
export function buildExecutorResource(): Resource {
  const detected = detectResources({ detectors: [hostDetector, processDetector, envDetector] });
  const ours = resourceFromAttributes({
    [RESOURCE_IDENTITY_ATTR.serviceName]: DEFAULT_SERVICE_NAME,
    [RESOURCE_IDENTITY_ATTR.serviceInstanceId]: randomUUID(),
  });
  return defaultResource().merge(ours).merge(detected);
}
