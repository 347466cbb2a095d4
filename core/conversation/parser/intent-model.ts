import model from './intent-model.json';

/**
 * The guess's model (scripts/intent-model.ts writes intent-model.json): per feature, the
 * intents it occurs in and how often, as [intent index, count, …].
 */
export const INTENT_MODEL: { intents: string[]; priors: number[]; totals: number[]; vocabulary: number; counts: ReadonlyMap<string, number[]> } = {
  ...model,
  // A map: a message saying "constructor" finds no feature in an object's prototype.
  counts: new Map(Object.entries(model.counts)),
};
