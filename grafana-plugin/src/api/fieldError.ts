/** The field and message of an analyzer 400 (`{ field, message }` in the body), if it names one. */
export function fieldErrorOf(error: unknown): { field: string; message: string } | undefined {
  const data = (error as { data?: unknown } | null)?.data;
  if (typeof data !== 'object' || data === null) {
    return undefined;
  }
  const { field, message } = data as { field?: unknown; message?: unknown };
  if (typeof field !== 'string' || typeof message !== 'string') {
    return undefined;
  }
  // Shown under the field itself, the message need not repeat its name ("cron: invalid …", "report.range must …").
  const prefix = `${field}:`;
  const bare = message.startsWith(prefix) ? message.slice(prefix.length).trimStart() : message;
  return { field, message: bare };
}
