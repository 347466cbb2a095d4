/**
 * A bare number right after "pay": "pay 200 on INV-000042" is an amount, and so
 * is anything with cents or thousands separators; "pay 42" alone names invoice 42,
 * the way customers copy a number from the list they were shown ("I paid 42" too).
 */
import { formatAmount, GROUPED } from './extract-money';

const AFTER_PAY = new RegExp(String.raw`\b(?:pay|paying|paid|settle|payment\s+of|put)\s+(?:(?:only|just|a|an|the|partial|part|amount|of|sum)\s+)*(${GROUPED}|\d{1,15})(?:\.(\d{1,2}))?(?![\d]|[.,]\d)(\s+(?:on|towards?|for|against|of|to|off)\b)?`);

export function readPayNumber(text: string, hasRef: boolean): { amount?: string; ref?: string } {
  const match = AFTER_PAY.exec(text);
  if (!match) return {};
  const [, whole, cents, preposition] = match;
  if (hasRef || cents !== undefined || whole.includes(',') || preposition !== undefined) return { amount: formatAmount(whole, cents) };
  return { ref: whole };
}
