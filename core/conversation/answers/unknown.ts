import { suggestIntents } from '../parser';
import { reply, type Reply } from '../../replies/reply';
import type { Turn } from '../turn';

/** Never a dead end: the requests closest to what was typed, as buttons. */
export function answerUnknown(_turn: Turn, _intent: unknown, text: string): Reply {
  const bare = /^\s*#?\s*(\d{1,12})\s*$/.exec(text);
  if (bare) {
    const n = bare[1];
    return reply(`Did you mean invoice ${n}?`, {
      choices: [{ label: `Invoice ${n}`, say: `show invoice ${n}` }, { label: `Pay invoice ${n}`, say: `pay invoice ${n}` }, { label: `Order ${n}`, say: `order ${n}` }],
    });
  }
  const suggestions = suggestIntents(text, 3);
  return reply(`Sorry, I didn't understand that. You could try: ${suggestions.map((s) => `"${s}"`).join(', ')}. Say "help" for more.`, {
    choices: suggestions.map((s) => ({ label: s, say: s })),
  });
}
