import { z } from 'zod';
import type { ChannelMessage, IncomingFile } from '../../core/facade/core';

/** A Slack message in the neutral form, with where the bot's DM with its sender is, when known. */
export interface SlackInbound {
  message: ChannelMessage;
  team: string;
  user: string;
  /** The bot's direct-message channel with the user, when the message came through it. */
  dm?: string;
}

/** `/portal` or a mention with nothing after it opens the portal, as a hello does. */
const HELLO = 'hello';

type FetchFile = (url: string) => Promise<Buffer>;

const file = z.object({
  name: z.string().optional(), title: z.string().optional(), mimetype: z.string().optional(), size: z.number().optional(),
  url_private_download: z.string().optional(), url_private: z.string().optional(),
});

const envelope = z.object({
  team_id: z.string().optional(),
  event_id: z.string(),
  event: z.object({
    type: z.string(), user: z.string().optional(), team: z.string().optional(), text: z.string().optional(),
    channel: z.string().optional(), channel_type: z.string().optional(), subtype: z.string().optional(),
    bot_id: z.string().optional(), files: z.array(file).optional(),
  }),
});

/** Direct messages only: a channel's messages are not ours to read, and our own posts echo back. */
export function messageToInbound(body: unknown, fetchFile: FetchFile): SlackInbound | null {
  const parsed = envelope.safeParse(body);
  if (!parsed.success) return null;
  const { event, event_id: eventId, team_id: teamId } = parsed.data;
  if (event.channel_type !== 'im' || !event.channel || !event.user || event.bot_id) return null;
  if (event.subtype && event.subtype !== 'file_share') return null;
  const team = event.team ?? teamId;
  if (!team) return null;
  const files: IncomingFile[] = (event.files ?? []).slice(0, 10).flatMap((f, i) => {
    const url = f.url_private_download ?? f.url_private;
    if (!url) return [];
    return [{ fileName: f.name ?? f.title ?? `Slack file ${i + 1}`, contentType: f.mimetype ?? 'application/octet-stream', size: f.size, fetch: () => fetchFile(url) }];
  });
  return {
    team, user: event.user, dm: event.channel,
    message: { channel: 'slack', address: `${team}:${event.user}`, text: slackText(event.text ?? ''), messageId: `event:${eventId}`, files },
  };
}

/** A mention in a channel; in a DM the message event already carries it. */
export function mentionToInbound(body: unknown): SlackInbound | null {
  const parsed = envelope.safeParse(body);
  if (!parsed.success) return null;
  const { event, event_id: eventId, team_id: teamId } = parsed.data;
  const team = event.team ?? teamId;
  if (!event.user || !team || event.bot_id || event.channel_type === 'im' || event.channel?.startsWith('D')) return null;
  return { team, user: event.user, message: { channel: 'slack', address: `${team}:${event.user}`, text: slackText(event.text ?? '') || HELLO, messageId: `event:${eventId}` } };
}

const command = z.object({ team_id: z.string(), user_id: z.string(), text: z.string().optional(), trigger_id: z.string() });

/** `/portal what do I owe`: the text after the command is the message; Slack never retries a command. */
export function commandToInbound(body: unknown): SlackInbound | null {
  const parsed = command.safeParse(body);
  if (!parsed.success) return null;
  const { team_id: team, user_id: user, text, trigger_id: triggerId } = parsed.data;
  return { team, user, message: { channel: 'slack', address: `${team}:${user}`, text: slackText(text ?? '') || HELLO, messageId: `command:${triggerId}` } };
}

const action = z.object({
  team: z.object({ id: z.string() }).nullish(),
  user: z.object({ id: z.string(), team_id: z.string().optional() }),
  channel: z.object({ id: z.string() }).optional(),
  container: z.object({ is_ephemeral: z.boolean().optional() }).passthrough().optional(),
  trigger_id: z.string().optional(),
  actions: z.array(z.object({ value: z.string().optional(), action_ts: z.string().optional() })).min(1),
});

/** A button press says the button's text back into the conversation. */
export function actionToInbound(body: unknown): SlackInbound | null {
  const parsed = action.safeParse(body);
  if (!parsed.success) return null;
  const { user, team: workspace, channel, container, trigger_id: triggerId, actions } = parsed.data;
  const team = user.team_id ?? workspace?.id;
  const [pressed] = actions;
  const id = triggerId ?? pressed.action_ts;
  if (!team || pressed.value === undefined || !id) return null;
  const dm = channel?.id.startsWith('D') && !container?.is_ephemeral ? channel.id : undefined;
  return { team, user: user.id, dm, message: { channel: 'slack', address: `${team}:${user.id}`, text: pressed.value, messageId: `action:${id}` } };
}

/**
 * Slack's message markup back to what the person typed: mentions dropped, links and e-mail
 * addresses to their text, and &amp; &lt; &gt; unescaped.
 */
export function slackText(text: string): string {
  return text
    .replace(/<([@#!])([^>|]*)(?:\|([^>]*))?>/g, (_m, sigil: string, _id: string, label?: string) => (sigil === '#' && label ? `#${label}` : ''))
    .replace(/<([^>|]+)(?:\|([^>]*))?>/g, (_m, target: string, label?: string) => label || target.replace(/^(mailto|tel):/, ''))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    .trim();
}
