import type { Day } from '../../dates';
import { getStatement } from '../../portal/get-statement';
import type { Period } from '../../portal/list-invoices';
import type { ParsedIntent } from '../parser';
import { reply, type Reply } from '../../replies/reply';
import type { Turn } from '../turn';
import { money, periodWords, plural } from '../../replies/words';

/**
 * The period a statement covers: with none asked, this year so far; a period that runs past
 * today stops at today; one that has not begun yet has no statement (null).
 */
export function statementPeriod(asked: Period | undefined, today: Day): Period | null {
  const wanted = asked ?? { from: `${today.slice(0, 4)}-01-01`, to: today };
  if (wanted.from > today) return null;
  return { from: wanted.from, to: wanted.to > today ? today : wanted.to };
}

export async function answerStatement(turn: Turn, intent: ParsedIntent): Promise<Reply> {
  const { viewer, today } = turn;
  const period = statementPeriod(intent.period, today);
  if (!period) {
    return reply(`That period hasn't started yet, so there is nothing on it. Try "statement this year" or "statement for last month".`, {
      choices: [{ label: 'This year', say: 'statement this year' }, { label: 'Last month', say: 'statement last month' }],
    });
  }
  const s = await getStatement({ db: turn.deps.db, viewer, period });
  const rows = s.rows.length ? `${plural(s.rows.length, 'transaction')}: ${money(viewer, s.invoiced)} invoiced, ${money(viewer, s.received)} paid or credited.` : 'No transactions in this period.';
  return reply(`Statement for ${periodWords(viewer, period)}: opening balance ${money(viewer, s.opening)}, ${rows} Balance due ${money(viewer, s.closing)}.`, {
    facts: [
      { label: 'Opening balance', value: money(viewer, s.opening) },
      { label: 'Invoiced', value: money(viewer, s.invoiced) },
      { label: 'Paid and credited', value: money(viewer, s.received) },
      { label: 'Balance due', value: money(viewer, s.closing) },
    ],
    document: {
      title: `Statement ${period.from} to ${period.to}`, fileName: `statement-${period.from}-${period.to}.pdf`,
      ...turn.deps.documents.link({ kind: 'statement', ...period }, viewer),
    },
    choices: intent.period ? [] : [{ label: 'Last month', say: 'statement last month' }, { label: 'Last year', say: 'statement last year' }],
  });
}
