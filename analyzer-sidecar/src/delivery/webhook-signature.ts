/**
 * The webhook signature: `X-RPA-Signature: sha256=<hex>` where hex is
 * HMAC-SHA256(secret, `<X-RPA-Timestamp>.<raw body>`). The timestamp (Unix
 * seconds) is inside the signed material, so a receiver that refuses
 * timestamps older than a few minutes cannot be fed a replayed delivery with
 * a fresh timestamp.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-rpa-signature';
export const TIMESTAMP_HEADER = 'x-rpa-timestamp';

export function signWebhook(secret: string, timestamp: number, rawBody: string | Buffer): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
  return `sha256=${mac}`;
}

/** What a receiver does (and the tests): recompute, compare in constant time, bound the age. */
export function verifyWebhook(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  rawBody: string | Buffer,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const { signature, timestamp } = headers;
  if (signature === undefined || timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), rawBody));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
