/**
 * One-import OpenTelemetry instrumentation for RPA executors.
 *
 * ```ts
 * import { rpa } from '@rpa-analytics/instrumentation';
 * await rpa.trackExecution({ workflowId: 'invoice-entry' }, async (execution) => {
 *   await execution.trackStep({ nodeId: 'open', actionType: 'click', targetElement: 'Open' }, async (step) => {
 *     step.setConfidence(0.97);
 *   });
 * });
 * ```
 *
 * @packageDocumentation
 */
import { Rpa } from './api/rpa';

/** The shared instrumentation, configured from the environment on first use. */
export const rpa = new Rpa();

export { Rpa, createRpa } from './api/rpa';
export type { RpaOptions } from './api/rpa';
export { RpaExecution } from './api/execution';
export { RpaStep } from './api/step';
export type { ExecutorEvents, Instrumentation, LifecycleEmitter } from './api/executor-adapter';
export type {
  ContextValue,
  ExecutionOptions,
  ExecutionRecord,
  RecoveryOptions,
  StepOptions,
  StepRecord,
  TimeInput,
} from './api/types';
export { loadConfig, parseHeaders } from './config/config';
export type { InstrumentationConfig, InstrumentationOptions, OtlpProtocol } from './config/config';
export { createRpaSpanProcessors } from './sdk/pipeline';
export { DropCounter } from './sdk/drop-counter';
export { summarizeResourceSamples, resourceSummaryAttributes } from './resources/resource-summary';
export type { ResourceSummary } from './resources/resource-summary';
export type { ResourceSample, ResourceSource, GpuSample } from './resources/sample';
