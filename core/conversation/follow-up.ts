import type { ParsedIntent } from './parser';
import type { PendingQuestion } from './pending-question';

const YES = /^(yes|yep|yeah|yup|y|ok|okay|sure|please|please do|go ahead|do it|confirm|pay it|that's right|correct)$/;
const NO = /^(no|nope|nah|n|cancel|never ?mind|not now|no thanks)$/;
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];
/** "42", "#42", "INV-000042", "inv 42", "invoice 42", "the INV-000042 one". */
const BARE_REF = /^(?:the\s+)?(?:(?:invoice|order|payment|receipt)\s+)?(?:no\.?\s*|number\s+)?#?\s*([a-z]{0,5}[-\s]?\d{1,12})(?:\s+one)?$/;

export type FollowUp = { run: ParsedIntent } | { declined: true } | null;

/**
 * Reads a message as the answer to the pending question: a yes or no, a pick among the
 * documents offered ("the second one", "INV-000042"), or the reference that was missing.
 * Null when it is not an answer; the message is then a new request.
 */
export function readFollowUp(pending: PendingQuestion, text: string): FollowUp {
  if (pending.list !== undefined || pending.about !== undefined) return null;
  const said = text.toLowerCase().replace(/[!?.,]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (pending.confirm && YES.test(said)) return { run: pending.intent };
  if (NO.test(said)) return { declined: true };
  const ref = BARE_REF.exec(said)?.[1].replace(/\s+/g, '-').toUpperCase();
  if (pending.options?.length) {
    const byNumber = ref ? pickByNumber(pending.options, ref) : undefined;
    if (byNumber) return { run: { ...pending.intent, ref: byNumber } };
    const position = ordinal(said);
    if (position !== undefined && position < pending.options.length) return { run: { ...pending.intent, ref: pending.options[position].number } };
  }
  if (pending.needsRef && ref) return { run: { ...pending.intent, ref } };
  return null;
}

function pickByNumber(options: Array<{ number: string }>, ref: string): string | undefined {
  const exact = options.find((o) => o.number.toUpperCase() === ref);
  if (exact) return exact.number;
  const digits = Number(ref.replace(/\D/g, ''));
  const letters = ref.replace(/[^A-Z]/g, '');
  const close = options.filter((o) => Number(o.number.replace(/\D/g, '')) === digits && (!letters || o.number.toUpperCase().replace(/[^A-Z]/g, '') === letters));
  return close.length === 1 ? close[0].number : undefined;
}

/** "the second one" → 1, "2nd" → 1, "last" → -1 is not used: positions only. */
function ordinal(said: string): number | undefined {
  const match = /^(?:the\s+)?(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|[1-5])(?:\s+one)?$/.exec(said);
  if (!match) return undefined;
  const word = match[1];
  const index = ORDINALS.indexOf(word);
  return index >= 0 ? index : Number(word.replace(/\D/g, '')) - 1;
}
