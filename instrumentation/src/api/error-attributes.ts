/** What a failure is recorded as: `error.type` and the span status message. */
export interface ErrorDescription {
  readonly type: string;
  readonly message: string;
  readonly stack?: string;
}

/**
 * Describes anything an executor may throw: an Error (its `code` wins over its
 * class name, as codes are what RPA runtimes categorize by), a string, or an object.
 */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      type: typeof code === 'string' && code ? code : error.name || 'Error',
      message: error.message,
      ...(error.stack !== undefined && { stack: error.stack }),
    };
  }
  if (typeof error === 'string') return { type: 'Error', message: error };
  if (error !== null && typeof error === 'object') {
    const { code, name, type, message } = error as Record<string, unknown>;
    const chosenType = [code, type, name].find((v) => typeof v === 'string' && v) as string | undefined;
    return { type: chosenType ?? 'Error', message: typeof message === 'string' ? message : safeJson(error) };
  }
  return { type: 'Error', message: String(error) };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
