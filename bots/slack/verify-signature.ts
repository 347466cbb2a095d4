import crypto from 'node:crypto';

/** Slack's window for a request's timestamp, either side of now: an older request is a replay. */
const MAX_SKEW_SECONDS = 5 * 60;

export type SignatureVerdict = 'ok' | 'stale' | 'bad';

/**
 * X-Slack-Signature is `v0=` + hex HMAC-SHA256(signing secret, `v0:{timestamp}:{raw body}`).
 * Pure: the caller passes the raw bytes as received and the current time.
 */
export function verifySlackSignature({ secret, signature, timestamp, rawBody, now }: {
  secret: string; signature: string | undefined; timestamp: string | undefined; rawBody: Buffer; now: Date;
}): SignatureVerdict {
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return 'bad';
  const expected = Buffer.from(`v0=${crypto.createHmac('sha256', secret).update(`v0:${timestamp}:`).update(rawBody).digest('hex')}`);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return 'bad';
  // Checked after the signature, so a forger learns nothing about the window.
  return Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp)) > MAX_SKEW_SECONDS ? 'stale' : 'ok';
}
