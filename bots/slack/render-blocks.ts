import type { types } from '@slack/bolt';
import type { Reply } from '../../core/replies/reply';

/** What chat.postMessage and a response_url take: blocks, and the text notifications and old clients show. */
export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}

/** Choice buttons carry `portal_say_<n>`: a press says the choice back into the conversation. */
export const SAY_ACTION = /^portal_say_\d+$/;
/** The pay button opens a page; Slack still reports the press, which needs only an ack. */
export const LINK_ACTION = 'portal_link';

const MAX_CHOICES = 5;
// Block Kit's limits: past them Slack refuses the whole message.
const SECTION_TEXT = 3000;
const FIELD_TEXT = 2000;
const FIELDS_PER_SECTION = 10;
const BUTTON_TEXT = 75;
const BUTTON_VALUE = 2000;
const MAX_ITEMS = 40;
const MAX_BLOCKS = 50;

/** The channel-neutral reply in Block Kit: text, figures as fields, the list, a pay button, choices. */
export function renderBlocks(reply: Reply): SlackMessage {
  const text = `${reply.warning ? ':warning: ' : ''}${escapeMrkdwn(reply.text)}`;
  const blocks: types.KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: clip(text, SECTION_TEXT) } }];

  const facts = reply.facts ?? [];
  for (let i = 0; i < facts.length; i += FIELDS_PER_SECTION) {
    blocks.push({
      type: 'section',
      fields: facts.slice(i, i + FIELDS_PER_SECTION).map((f) => ({ type: 'mrkdwn', text: clip(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, FIELD_TEXT) })),
    });
  }

  if (reply.items?.length) {
    blocks.push({
      type: 'rich_text',
      elements: [{
        type: 'rich_text_list', style: 'bullet',
        elements: reply.items.slice(0, MAX_ITEMS).map((item) => ({
          type: 'rich_text_section',
          elements: [
            item.url ? { type: 'link' as const, url: item.url, text: item.title, style: { bold: true } } : { type: 'text' as const, text: item.title, style: { bold: true } },
            ...(item.detail ? [{ type: 'text' as const, text: ` ${item.detail}` }] : []),
          ],
        })),
      }],
    });
  }
  const hidden = Math.max(0, (reply.items?.length ?? 0) - MAX_ITEMS) + (reply.more ?? 0);
  if (hidden > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${hidden} more` }] });

  if (reply.link) {
    blocks.push({ type: 'actions', elements: [{ type: 'button', action_id: LINK_ACTION, style: 'primary', text: plain(reply.link.label), url: reply.link.url }] });
  }
  const choices = (reply.choices ?? []).slice(0, MAX_CHOICES);
  if (choices.length) {
    blocks.push({
      type: 'actions',
      elements: choices.map((c, n) => ({ type: 'button', action_id: `portal_say_${n}`, text: plain(c.label), value: c.say.slice(0, BUTTON_VALUE) })),
    });
  }
  return { text, blocks: blocks.slice(0, MAX_BLOCKS) };
}

/** A document that could not be uploaded still reaches the customer: as a button to its link. */
export function renderDocumentLink(document: NonNullable<Reply['document']>): SlackMessage {
  return {
    text: escapeMrkdwn(document.title),
    blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: LINK_ACTION, text: plain(document.title), url: document.url }] }],
  };
}

/** Slack reads &, < and > as markup (links, mentions); everything else in mrkdwn is harmless text. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function plain(text: string): types.PlainTextElement {
  return { type: 'plain_text', text: clip(text, BUTTON_TEXT), emoji: true };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
