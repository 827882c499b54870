import { context, createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';

const PROBE = createContextKey('@rpa-analytics/instrumentation context manager probe');

/** Whether a context manager is installed: without one, `context.with` activates nothing. */
export function hasContextManager(): boolean {
  return context.with(ROOT_CONTEXT.setValue(PROBE, true), () => context.active().getValue(PROBE) === true);
}

/**
 * Installs Node's AsyncLocalStorage context manager where none is installed,
 * so that an execution and its steps are the active spans of the executor's
 * code. A host SDK registering later keeps working: its tracer and meter
 * providers are its own, and this context manager is the one it would install.
 */
export function ensureContextManager(): void {
  if (hasContextManager()) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
}
