import { ActionTypes, CardFactory, type Activity, type CardAction } from 'botbuilder';
import type { Choice, Reply } from '../../core/replies/reply';

/** Teams renders at most six card actions and shows at most three suggested actions. */
const MAX_CARD_ACTIONS = 6;
const MAX_SUGGESTED = 3;

export interface Audience {
  /** Suggested actions show in personal chat only; group chats and channels get card buttons. */
  personal: boolean;
  userId?: string;
}

/**
 * The neutral reply as one Teams message: the text (markdown), and an Adaptive Card for the
 * figures, the list, the payment and document links and the buttons. Buttons alone, up to three
 * in personal chat, become suggested actions instead. Links are plain URLs (the signed /files
 * link, the payment page), so the card works in every Teams context and on every client.
 */
export function toActivity(reply: Reply, audience: Audience): Partial<Activity> {
  const activity: Partial<Activity> = { type: 'message', text: reply.warning ? `⚠️ ${reply.text}` : reply.text, textFormat: 'markdown' };
  const choices = reply.choices ?? [];
  const onlyChoices = !reply.facts?.length && !reply.items?.length && !reply.link && !reply.document;
  if (onlyChoices && !choices.length) return activity;
  if (onlyChoices && audience.personal && choices.length <= MAX_SUGGESTED) {
    const actions: CardAction[] = choices.map((c) => ({ type: ActionTypes.ImBack, title: c.label, value: c.say }));
    return { ...activity, suggestedActions: { actions, to: audience.userId ? [audience.userId] : [] } };
  }
  return { ...activity, attachments: [CardFactory.adaptiveCard(adaptiveCard(reply))] };
}

function adaptiveCard(reply: Reply) {
  const body: object[] = [];
  if (reply.facts?.length) body.push({ type: 'FactSet', facts: reply.facts.map((f) => ({ title: f.label, value: f.value })) });
  for (const item of reply.items ?? []) {
    body.push({
      type: 'Container', separator: true,
      items: [{ type: 'TextBlock', text: item.detail ? `**${item.title}** ${item.detail}` : `**${item.title}**`, wrap: true }],
      ...(item.url ? { selectAction: { type: 'Action.OpenUrl', title: item.title, url: item.url } } : item.say ? { selectAction: submit({ label: item.title, say: item.say }) } : {}),
    });
  }
  if (reply.more) body.push({ type: 'TextBlock', text: `+${reply.more}`, isSubtle: true, wrap: true });

  const actions: object[] = [];
  if (reply.link) actions.push({ type: 'Action.OpenUrl', title: reply.link.label, url: reply.link.url, style: 'positive' });
  if (reply.document) actions.push({ type: 'Action.OpenUrl', title: `📄 ${reply.document.title}`, url: reply.document.url });
  for (const choice of reply.choices ?? []) actions.push(submit(choice));
  return {
    type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.4',
    body, actions: actions.slice(0, MAX_CARD_ACTIONS),
  };
}

/** Pressed, it comes back as a message whose `value` is { say }: the same as typing it. */
function submit(choice: Choice) {
  return { type: 'Action.Submit', title: choice.label, data: { say: choice.say } };
}
