/**
 * The `to` of a forward: an e-mail address, or a phone number written with its
 * country code. A number without "+" cannot be made E.164 without guessing the
 * country, so it is left for the dialogue to ask about.
 */
import { blankSpan } from './blank-span';

const EMAIL = /[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,24}/;
const PHONE = /(?<![\w+])\+\s?\d(?:[\s().-]{0,2}\d){6,16}(?!\d)/;
const E164_DIGITS = { min: 8, max: 15 };

export function extractRecipient(text: string): { to?: string; text: string } {
  const email = EMAIL.exec(text);
  if (email) {
    const address = email[0].replace(/^[._%+-]+|[.-]+$/g, '');
    return { to: address, text: blankSpan(text, email.index, email.index + email[0].length) };
  }
  const phone = PHONE.exec(text);
  if (phone) {
    const digits = phone[0].replace(/\D/g, '');
    if (digits.length >= E164_DIGITS.min && digits.length <= E164_DIGITS.max) {
      return { to: `+${digits}`, text: blankSpan(text, phone.index, phone.index + phone[0].length) };
    }
  }
  return { text };
}
