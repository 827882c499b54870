import { EXECUTION_STATUS, STEP_STATUS } from '../conventions';
import type { RpaExecution } from './execution';
import type { RpaStep } from './step';
import { guarded, reportMisuse, type Telemetry } from './telemetry';
import type { ContextValue, RecoveryOptions } from './types';

/** The lifecycle events an executor emits, and their payloads. */
export interface ExecutorEvents {
  'execution:start': {
    executionId: string;
    workflowId: string;
    stepsTotal?: number;
    context?: Record<string, ContextValue>;
  };
  'step:start': {
    executionId: string;
    stepId: string;
    nodeId: string;
    actionType: string;
    targetElement?: string;
  };
  /** A retry of a running step. */
  'step:retry': { executionId: string; stepId: string };
  /** A self-healing attempt on a running step. */
  'step:recovery': { executionId: string; stepId: string } & RecoveryOptions;
  'step:end': {
    executionId: string;
    stepId: string;
    status: 'completed' | 'failed' | 'skipped';
    confidence?: number;
    retryCount?: number;
    error?: unknown;
  };
  'execution:end': { executionId: string; status: 'completed' | 'failed' | 'cancelled'; error?: unknown };
}

/** Anything with Node's EventEmitter `on`/`off` (or `addListener`/`removeListener`). */
export interface LifecycleEmitter {
  on(event: string, listener: (payload: unknown) => void): unknown;
  off?(event: string, listener: (payload: unknown) => void): unknown;
  removeListener?(event: string, listener: (payload: unknown) => void): unknown;
}

/** Undoes `rpa.instrument(executor)`. */
export interface Instrumentation {
  uninstrument(): void;
}

type StartExecution = (options: ExecutorEvents['execution:start']) => RpaExecution;

/**
 * Turns an executor's lifecycle events into executions and steps. One adapter
 * per executor: instrumenting it again returns the same one, so nothing is
 * counted twice.
 */
export class ExecutorAdapter implements Instrumentation {
  private readonly executions = new Map<string, RpaExecution>();
  private readonly steps = new Map<string, RpaStep>();
  private readonly listeners: Array<[string, (payload: unknown) => void]>;

  constructor(
    private readonly emitter: LifecycleEmitter,
    private readonly telemetry: Telemetry,
    private readonly startExecution: StartExecution,
    private readonly onUninstrument: () => void,
  ) {
    const handlers: { [E in keyof ExecutorEvents]: (payload: ExecutorEvents[E]) => void } = {
      'execution:start': (p) => this.onExecutionStart(p),
      'step:start': (p) => this.onStepStart(p),
      'step:retry': (p) => void this.step(p, 'step:retry')?.recordRetry(),
      'step:recovery': (p) => void this.step(p, 'step:recovery')?.recordRecovery(p),
      'step:end': (p) => this.onStepEnd(p),
      'execution:end': (p) => this.onExecutionEnd(p),
    };
    this.listeners = Object.entries(handlers).map(([event, handler]) => [
      event,
      (payload: unknown) => guarded(telemetry, event, () => handler(payload as never), undefined),
    ]);
    for (const [event, listener] of this.listeners) emitter.on(event, listener);
  }

  uninstrument(): void {
    const off = (this.emitter.off ?? this.emitter.removeListener)?.bind(this.emitter);
    if (off) for (const [event, listener] of this.listeners) off(event, listener);
    this.onUninstrument();
  }

  private onExecutionStart(payload: ExecutorEvents['execution:start']): void {
    if (!payload?.executionId) return reportMisuse(this.telemetry, 'execution:start without an executionId');
    if (this.executions.has(payload.executionId)) {
      return reportMisuse(this.telemetry, 'execution:start for an execution already started');
    }
    this.executions.set(payload.executionId, this.startExecution(payload));
  }

  private onStepStart(payload: ExecutorEvents['step:start']): void {
    const execution = this.executions.get(payload?.executionId);
    if (!execution) return reportMisuse(this.telemetry, 'step:start for an unknown execution');
    this.steps.set(stepKey(payload), execution.startStep(payload));
  }

  private onStepEnd(payload: ExecutorEvents['step:end']): void {
    const step = this.step(payload, 'step:end');
    if (!step) return;
    this.steps.delete(stepKey(payload));
    for (let i = 0; i < (payload.retryCount ?? 0); i += 1) step.recordRetry();
    if (payload.confidence !== undefined) step.setConfidence(payload.confidence);
    if (payload.status === STEP_STATUS.failed) step.fail(payload.error);
    else if (payload.status === STEP_STATUS.skipped) step.skip();
    else step.end();
  }

  private onExecutionEnd(payload: ExecutorEvents['execution:end']): void {
    const execution = this.executions.get(payload?.executionId);
    if (!execution) return reportMisuse(this.telemetry, 'execution:end for an unknown execution');
    this.executions.delete(payload.executionId);
    for (const [key, step] of this.steps) {
      // A step the executor never ended must not leak: it ends with its execution.
      if (key.startsWith(payload.executionId + '\u0001')) {
        this.steps.delete(key);
        step.skip();
      }
    }
    if (payload.status === EXECUTION_STATUS.failed) execution.fail(payload.error);
    else if (payload.status === EXECUTION_STATUS.cancelled) execution.cancel();
    else execution.end();
  }

  private step(payload: { executionId: string; stepId: string }, event: string): RpaStep | undefined {
    const step = this.steps.get(stepKey(payload));
    if (!step) reportMisuse(this.telemetry, `${event} for an unknown step`);
    return step;
  }
}

function stepKey(payload: { executionId: string; stepId: string }): string {
  return payload.executionId + '\u0001' + payload.stepId;
}
