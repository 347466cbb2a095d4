/**
 * When the rules find no intent, a naive Bayes model over the words of the message makes a
 * guess, trained on the labelled corpora (scripts/intent-model.ts writes intent-model.json).
 * It is used only when it is sure and the message has words it knows: a message of words
 * it has never seen stays `unknown`.
 */
import { FILLER } from './classify-intent';
import type { IntentName } from './intent-types';
import { INTENT_MODEL } from './intent-model';

/** Words that say nothing of what is asked on their own: the rules' filler and the little words of any sentence. */
const FUNCTION_WORDS = new Set([...FILLER, ...('me my we us our your u an these those its is are was were be been am do does did have has had '
  + 'can could would should will shall may might must of in on at for with from by about into and or but so if how what whats when where which who why '
  + 'there here some any not no yes im ive id dont cant get got actually really also still maybe').split(' ')]);

/** The least share of the probability the best intent must have. */
const SURE = 0.5;

export interface GuessInput {
  /** The message's remaining words, space-separated (Signals.text). */
  text: string;
  ref: boolean;
  amount: boolean;
  to: boolean;
  period: boolean;
  date: boolean;
}

/** Words, word pairs, and markers for what was taken out of the text (a reference, an amount…). */
export function featuresOf(input: GuessInput): string[] {
  const words = input.text.split(' ').filter(Boolean);
  const pairs = words.slice(1).map((w, i) => `${words[i]}_${w}`);
  const marks = (['ref', 'amount', 'to', 'period', 'date'] as const).filter((k) => input[k]).map((k) => `#${k}`);
  return [...words, ...pairs, ...marks];
}

export function guessIntent(input: GuessInput, sure = SURE): IntentName | undefined {
  const guess = weighIntents(input);
  return guess && guess.share >= sure ? guess.intent : undefined;
}

/** The likeliest intent and its share of the probability; undefined when the message has too few known words. */
function weighIntents(input: GuessInput): { intent: IntentName; share: number } | undefined {
  const { intents, priors, totals, vocabulary, counts } = INTENT_MODEL;
  const words = input.text.split(' ').filter(Boolean);
  const features = featuresOf(input).filter((f) => counts.has(f));
  const knownWords = words.filter((w) => counts.has(w)).length;
  if (!words.length || knownWords < Math.min(2, words.length)) return undefined;
  // "how do I reset my laptop password?": known little words around unknown ones are no request.
  const content = words.filter((w) => !FUNCTION_WORDS.has(w));
  const telling = content.filter((w) => counts.get(w)?.some(([c]) => intents[c] !== 'unknown'));
  if (content.length && telling.length * 2 <= content.length) return undefined;
  // Laplace: each feature adds log((n + 1) / (total + vocabulary)); n is 0 for the intents it never occurred in.
  const scores = intents.map((_, c) => priors[c] - features.length * Math.log(totals[c] + vocabulary));
  for (const f of features) {
    for (const [c, n] of counts.get(f)!) scores[c] += Math.log(n + 1);
  }
  const best = Math.max(...scores);
  const shares = scores.map((s) => Math.exp(s - best));
  const top = scores.indexOf(best);
  // A guess rests on a word that tells: "how old are you" has only "old", never seen in a request for help.
  if (content.length && !telling.some((w) => counts.get(w)!.some(([c]) => c === top))) return undefined;
  return { intent: intents[top] as IntentName, share: shares[top] / shares.reduce((a, b) => a + b, 0) };
}
