/** Checks of single values the import, the portal and linking share: phone numbers, e-mail addresses, document numbers. */

/** "+1 (415) 555-0123" → "+14155550123"; undefined when it is not an international number. */
export function toE164(phone: string): string | undefined {
  const digits = phone.replace(/[\s().-]/g, '');
  return /^\+[1-9]\d{6,14}$/.test(digits) ? digits : undefined;
}

export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

export function isClockTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

/** The trailing digits of a document number ("INV-000042" → 42), for references typed short. */
export function numberSeq(number: string): number | null {
  const match = /(\d+)\D*$/.exec(number);
  if (!match) return null;
  const value = Number(match[1]);
  return Number.isSafeInteger(value) && value <= 2_147_483_647 ? value : null;
}
