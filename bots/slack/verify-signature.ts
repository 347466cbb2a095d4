import { verifySlackRequest } from '@slack/bolt';

/** Slack's window for a request's timestamp, either side of now: an older request is a replay. */
const MAX_SKEW_SECONDS = 5 * 60;

export type SignatureVerdict = 'ok' | 'stale' | 'bad';

/**
 * X-Slack-Signature checked by Bolt's own `verifySlackRequest` on the raw body, at the time
 * given. Bolt refuses requests older than five minutes; one dated more than five minutes ahead
 * is refused here too, so a clock far off cannot make a signature live longer.
 */
export function verifySlackSignature({ secret, signature, timestamp, rawBody, now }: {
  secret: string; signature: string | undefined; timestamp: string | undefined; rawBody: Buffer; now: Date;
}): SignatureVerdict {
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return 'bad';
  try {
    verifySlackRequest({
      signingSecret: secret, body: rawBody.toString('utf8'), nowMilliseconds: now.getTime(),
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
    });
  } catch (err) {
    return /stale/.test((err as Error).message) ? 'stale' : 'bad';
  }
  return Number(timestamp) - Math.floor(now.getTime() / 1000) > MAX_SKEW_SECONDS ? 'stale' : 'ok';
}
