/**
 * For a message the parser could not place: the example requests closest to what
 * was typed, by shared keywords first and shared letter trigrams second, so that
 * "blance?" still brings "What do I owe?" to the top.
 */
import { cleanText } from './clean-text';
import { correctTypos } from './correct-typos';

/** In the order offered when nothing typed resembles any of them. */
const EXAMPLES: ReadonlyArray<{ phrase: string; keywords: readonly string[] }> = [
  { phrase: 'What do I owe?', keywords: ['owe', 'owed', 'balance', 'due', 'outstanding', 'total', 'much', 'amount', 'debt'] },
  { phrase: 'Show my invoices', keywords: ['invoice', 'invoices', 'bill', 'bills', 'show', 'list', 'see'] },
  { phrase: 'Pay invoice 42', keywords: ['pay', 'paying', 'invoice', 'bill', 'settle', 'card', 'bank', 'link'] },
  { phrase: 'Talk to a person', keywords: ['talk', 'speak', 'person', 'human', 'someone', 'agent', 'support', 'contact', 'call', 'help'] },
  { phrase: 'Show unpaid invoices', keywords: ['unpaid', 'overdue', 'late', 'open', 'outstanding', 'invoices', 'due'] },
  { phrase: 'Pay everything', keywords: ['pay', 'everything', 'all', 'whole', 'full', 'balance'] },
  { phrase: 'Statement for last month', keywords: ['statement', 'statements', 'account', 'month', 'year', 'quarter', 'period', 'summary'] },
  { phrase: 'My payments', keywords: ['payments', 'payment', 'paid', 'history', 'transactions'] },
  { phrase: 'When did I last pay?', keywords: ['last', 'latest', 'recent', 'when', 'payment', 'paid'] },
  { phrase: 'Receipt for my last payment', keywords: ['receipt', 'receipts', 'proof', 'confirmation', 'pdf'] },
  { phrase: 'My orders', keywords: ['order', 'orders', 'delivery', 'shipment', 'track', 'status', 'sales'] },
  { phrase: 'Do I have any credit?', keywords: ['credit', 'credits', 'refund', 'refunds', 'overpayment'] },
  { phrase: 'My details', keywords: ['details', 'profile', 'info', 'address', 'email', 'phone', 'card', 'file', 'saved'] },
  { phrase: 'Shared documents', keywords: ['documents', 'document', 'docs', 'files', 'shared', 'attachments'] },
  { phrase: 'Forward invoice 42 to jane@example.com', keywords: ['forward', 'send', 'share', 'email', 'colleague', 'accountant'] },
  { phrase: 'Help', keywords: ['help', 'commands', 'options', 'menu', 'what', 'how'] },
];

function trigrams(text: string): Set<string> {
  const padded = ` ${text} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

const EXAMPLE_GRAMS = EXAMPLES.map((example) => trigrams(cleanText(example.phrase)));

/** Keywords count for whole points; trigram overlap only breaks ties between them. */
function similarity(index: number, words: ReadonlySet<string>, grams: ReadonlySet<string>): number {
  const shared = EXAMPLES[index].keywords.filter((k) => words.has(k)).length;
  const mine = EXAMPLE_GRAMS[index];
  let common = 0;
  for (const gram of mine) if (grams.has(gram)) common++;
  return shared + common / (mine.size + grams.size - common || 1);
}

export function suggestIntents(text: string, limit = 3): string[] {
  const count = Number.isFinite(limit) ? Math.min(EXAMPLES.length, Math.max(1, Math.floor(limit))) : 3;
  const typed = correctTypos(cleanText(text));
  const words = new Set(typed.match(/[a-z]+/g) ?? []);
  const grams = trigrams(typed);
  return EXAMPLES.map((example, index) => ({ phrase: example.phrase, index, score: similarity(index, words, grams) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, count)
    .map((scored) => scored.phrase);
}
