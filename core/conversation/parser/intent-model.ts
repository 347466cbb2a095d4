import model from './intent-model.json';

/**
 * The guess's model (scripts/intent-model.ts writes intent-model.json): per feature, the
 * intents it occurs in and how often: [intent index, count, …] in the file, [intent, count] pairs here.
 */
export const INTENT_MODEL: { intents: string[]; priors: number[]; totals: number[]; vocabulary: number; counts: ReadonlyMap<string, ReadonlyArray<readonly [intent: number, count: number]>> } = {
  ...model,
  // A map of [intent, count] pairs: a message saying "constructor" finds no feature in an object's prototype.
  counts: new Map(Object.entries(model.counts).map(([feature, flat]) => [feature, flat.flatMap((n, k) => (k % 2 === 0 ? [[n, flat[k + 1]] as const] : []))])),
};
