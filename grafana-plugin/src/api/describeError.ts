/** What the user sees when a call fails: what happened and what to do about it. */
export interface ErrorDescription {
  title: string;
  hint: string;
  status?: number;
}

interface FetchErrorLike {
  status?: number;
  statusText?: string;
  message?: string;
  data?: { message?: string; error?: string } | string;
}

function messageOf(error: FetchErrorLike): string | undefined {
  if (typeof error.data === 'string' && error.data) {
    return error.data;
  }
  if (error.data && typeof error.data === 'object') {
    return error.data.message ?? error.data.error;
  }
  return error.message ?? error.statusText;
}

export function describeError(error: unknown): ErrorDescription {
  const e: FetchErrorLike =
    typeof error === 'object' && error !== null ? (error as FetchErrorLike) : { message: String(error) };
  const status = e.status;
  const detail = messageOf(e);
  if (status === 401 || status === 403) {
    return {
      status,
      title: `The analyzer refused the request${detail ? `: ${detail}` : ''}`,
      hint: 'Check the viewer and editor tokens on the app Configuration page (they must match RPA_ANALYZER_TOKENS on the analyzer); writes need the editor token.',
    };
  }
  if (status === 400) {
    return {
      status,
      title: `The analyzer rejected the query${detail ? `: ${detail}` : ''}`,
      hint: 'Change the filter it names and try again.',
    };
  }
  if (status === 404) {
    return {
      status,
      title: 'Analyzer endpoint not found',
      hint: 'Enable the app and set the analyzer URL on the Configuration page (for example http://rpa-analyzer:4319); check the analyzer version.',
    };
  }
  if (status === 502 || status === 503 || status === 504 || status === 0 || status === undefined) {
    return {
      status,
      title: `Cannot reach the analyzer${detail ? ` (${detail})` : ''}`,
      hint: 'Start the analyzer (rpa-analyzer serve) and check the analyzer URL on the Configuration page, then retry.',
    };
  }
  return {
    status,
    title: `The analyzer failed (HTTP ${status}${detail ? `: ${detail}` : ''})`,
    hint: 'Look at the analyzer log, then retry.',
  };
}
