import type { FailureKind } from './workflow-catalog';

/** An error as an RPA runtime throws it: a code that the analyzer categorizes by. */
export class SimulatedStepError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SimulatedStepError';
  }
}

const ERRORS: Record<FailureKind, [code: string, message: (target: string) => string]> = {
  timeout: ['TIMEOUT', (t) => `Timed out after 30000 ms waiting for "${t}"`],
  element_not_found: ['ELEMENT_NOT_FOUND', (t) => `Element "${t}" not found on screen`],
  low_confidence: ['LOW_CONFIDENCE', (t) => `Match confidence for "${t}" below threshold 0.80`],
  application_error: ['APPLICATION_ERROR', (t) => `Application showed an error dialog while handling "${t}"`],
  network: ['ECONNRESET', () => 'socket hang up (connection reset by peer)'],
  validation: ['VALIDATION_ERROR', (t) => `Extracted value from "${t}" failed validation`],
};

export function simulatedError(kind: FailureKind, target: string): SimulatedStepError {
  const [code, message] = ERRORS[kind];
  return new SimulatedStepError(code, message(target));
}
