import crypto from 'node:crypto';

/** Verifies `Portal-Signature` exactly as merchant.md documents it, without the portal's own code. */
export function verifiesPortalSignature(secret: string, header: string, body: string): boolean {
  const { t, v1 } = Object.fromEntries(header.split(',').map((part) => part.split('=') as [string, string]));
  const expected = crypto.createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return Boolean(v1) && v1.length === expected.length && crypto.timingSafeEqual(Buffer.from(v1), Buffer.from(expected));
}
