import type { webApi } from '@slack/bolt';
import type { Reply } from '../../core/replies/reply';
import type { DoorDeps } from '../door';
import { renderBlocks, renderDocumentLink, type SlackMessage } from './render-blocks';
import { postToResponseUrl } from './slack-http';

/** Where an answer goes: the conversation it came from; files always go to the bot's DM. */
export interface SlackTarget {
  post(message: SlackMessage): Promise<void>;
  dm(): Promise<string>;
}

type Client = webApi.WebClient;

/** A channel the bot posts in: its DM with the user. */
export function channelTarget(client: Client, channel: string): SlackTarget {
  return {
    post: async (message) => {
      await client.chat.postMessage({ channel, ...message });
    },
    dm: async () => channel,
  };
}

/**
 * The bot's DM with a user, opened on first use and remembered for reminders. Customer data is
 * never posted where others can read it: a mention in a channel is answered here.
 */
export function directTarget(client: Client, { core }: DoorDeps, who: { team: string; user: string }): SlackTarget {
  let channel: Promise<string> | undefined;
  const dm = () => (channel ??= openDm(client, core, who));
  return {
    post: async (message) => {
      await client.chat.postMessage({ channel: await dm(), ...message });
    },
    dm,
  };
}

/** A slash command's or an ephemeral message's answer: only the person who asked sees it. */
export function responseUrlTarget(url: string, deps: DoorDeps, dm: SlackTarget['dm']): SlackTarget {
  return { post: (message) => postToResponseUrl(url, message, deps.config), dm };
}

async function openDm(client: Client, core: DoorDeps['core'], { team, user }: { team: string; user: string }): Promise<string> {
  const opened = await client.conversations.open({ users: user });
  const channel = opened.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  await core.messages.remember('slack', `${team}:${user}`, { channel, team });
  return channel;
}

/**
 * Posts the answer, then its PDF as a file in a later message: the answer must not wait for the
 * renderer. A PDF that cannot be uploaded is sent as its link instead.
 */
export async function deliverReply(deps: DoorDeps, client: Client, target: SlackTarget, reply: Reply, logContext: object): Promise<void> {
  await target.post(renderBlocks(reply));
  const { document } = reply;
  if (!document) return;
  try {
    const file = await deps.core.documents.open(document.token);
    if (!file) throw new Error('the document grants nothing');
    await client.filesUploadV2({ channel_id: await target.dm(), file: file.body, filename: document.fileName, title: document.title });
  } catch (err) {
    deps.log.warn({ ...logContext, err }, 'Slack document upload failed; sending its link');
    await target.post(renderDocumentLink(document));
  }
}
