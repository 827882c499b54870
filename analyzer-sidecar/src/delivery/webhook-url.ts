/**
 * Which webhook URLs a schedule may post to. SSRF stance: only http and https;
 * no credentials in the URL (they would sit in the schedule list). Private
 * and loopback addresses are allowed on purpose: receivers inside the
 * operator's network are the usual case, and only editors (trusted with the
 * analyzer's data already) can create schedules. What limits the reach of a
 * malicious editor: the analyzer only POSTs its signed report body, never
 * follows a redirect, waits at most the delivery timeout, and keeps only the
 * status code of the answer (its body is never stored nor shown), so a
 * webhook cannot be used to read an internal service.
 */
export type UrlCheck = { ok: true; url: URL } | { ok: false; error: string };

export const MAX_URL_LENGTH = 2048;

export function checkWebhookUrl(raw: string): UrlCheck {
  if (raw.length > MAX_URL_LENGTH) return { ok: false, error: `longer than ${MAX_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: `"${raw}" is not an absolute URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return {
      ok: false,
      error: `scheme ${url.protocol.replace(':', '')} is not allowed (http or https only)`,
    };
  if (url.username !== '' || url.password !== '')
    return { ok: false, error: 'credentials in the URL are not allowed (the signature authenticates us)' };
  return { ok: true, url };
}
