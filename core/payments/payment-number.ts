import crypto from 'node:crypto';

/** Crockford's base32: no I, L, O or U to misread when a customer types a number back. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A number for a payment the portal records itself ("PMT-ONLINE-7K3QX2M9"): random, so two
 * servers never race for the next one; 40 bits, so a collision is not a practical concern,
 * and the (customer, number) unique key refuses one anyway.
 */
export function newPaymentNumber(prefix: string): string {
  const bytes = crypto.randomBytes(8);
  let text = '';
  for (const b of bytes) text += ALPHABET[b & 31];
  return `${prefix}-${text}`;
}
