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
import { RESOURCE_IDENTITY_ATTR } from '../conventions';

/**
 * The executor's OpenTelemetry resource: SDK defaults, then host and process,
 * then `OTEL_SERVICE_NAME` / `OTEL_RESOURCE_ATTRIBUTES`, which win. Every
 * process gets a `service.instance.id`, so two executors on one host stay apart.
 */
export function buildExecutorResource(): Resource {
  const detected = detectResources({ detectors: [hostDetector, processDetector, envDetector] });
  const withInstance = resourceFromAttributes({ [RESOURCE_IDENTITY_ATTR.serviceInstanceId]: randomUUID() });
  return defaultResource().merge(withInstance).merge(detected);
}
