import { App, type webApi } from '@slack/bolt';
import type restify from 'restify';
import type { DoorDeps } from '../door';
import { body } from '../http/body';
import { channelTarget, deliverReply, directTarget, responseUrlTarget, type SlackTarget } from './deliver-reply';
import { LINK_ACTION, renderBlocks, SAY_ACTION } from './render-blocks';
import { boltLogger, fetchPrivateFile, slackClientOptions } from './slack-http';
import { RestifyReceiver } from './slack-receiver';
import { actionToInbound, commandToInbound, mentionToInbound, messageToInbound, type SlackInbound } from './to-inbound';

const EVENTS = '/slack/events';
const COMMAND = '/portal';

/**
 * Slack through Bolt, mounted on the project's server by a receiver of its own: every request is
 * verified on its raw body before Bolt sees it. Without both settings the route is off (503).
 */
export function registerSlack(server: restify.Server, deps: DoorDeps): void {
  const { config, log } = deps;
  const secret = config.SLACK_SIGNING_SECRET;
  const token = config.SLACK_BOT_TOKEN;
  if (!secret || !token) {
    server.post(EVENTS, async (_req, res) => {
      res.send(503, { error: 'Slack is not configured' });
    });
    return;
  }

  let initialized: Promise<void> | undefined;
  // auth.test tells the App its own bot, so it ignores its own posts; a failure is retried with the next event.
  const ready = (): Promise<void> => (initialized ??= app.init().catch((err: unknown) => {
    initialized = undefined;
    throw err;
  }));
  const receiver = new RestifyReceiver({ signingSecret: secret, clock: deps.core.clock, log, ready });
  const app = new App({ token, receiver, deferInitialization: true, logger: boltLogger(log), clientOptions: slackClientOptions(config, log) });
  listen(app, deps);
  ready().catch((err: unknown) => log.error({ err }, 'Slack auth.test failed; retrying with the next event'));
  // Slack's events are a few kilobytes; a file never comes inline.
  server.post(EVENTS, body('raw', 1024 * 1024), receiver.handle);
}

function listen(app: App, deps: DoorDeps): void {
  const { config, log } = deps;
  const fetchFile = (url: string) => fetchPrivateFile(url, config);

  // Events are acknowledged by Bolt before listeners run; commands and actions ack first thing.
  app.event('message', async ({ body, client, context }) => {
    const inbound = messageToInbound(body, fetchFile);
    if (inbound?.dm) await converse(deps, client, inbound, channelTarget(client, inbound.dm), context.reqId);
  });

  app.event('app_mention', async ({ body, client, context }) => {
    const inbound = mentionToInbound(body);
    if (inbound) await converse(deps, client, inbound, directTarget(client, deps, inbound), context.reqId);
  });

  app.command(COMMAND, async ({ ack, body, client, context }) => {
    await ack();
    const inbound = commandToInbound(body);
    // `/portal remind overdue` from one of the merchant's Slack admins is the merchant's, not a customer's.
    const merchant = inbound && (await deps.core.admin.remindFromSlack(inbound.user, body.text ?? '').catch((err: unknown) => {
      log.error({ err, reqId: context.reqId }, 'slack reminder command failed');
      return deps.core.messages.failed(err);
    }));
    if (inbound && merchant) {
      await deliverReply(deps, client, responseUrlTarget(body.response_url, deps, directTarget(client, deps, inbound).dm), merchant, { reqId: context.reqId });
      return;
    }
    if (inbound) await converse(deps, client, inbound, responseUrlTarget(body.response_url, deps, directTarget(client, deps, inbound).dm), context.reqId);
  });

  app.action(SAY_ACTION, async ({ ack, body, client, context }) => {
    await ack();
    const inbound = actionToInbound(body);
    if (!inbound) return;
    const target = inbound.dm ? channelTarget(client, inbound.dm) : responseUrlTarget(body.response_url, deps, directTarget(client, deps, inbound).dm);
    await converse(deps, client, inbound, target, context.reqId);
  });

  app.action(LINK_ACTION, async ({ ack }) => {
    await ack();
  });

  app.error(async (err) => {
    log.error({ err }, 'Slack listener failed');
  });
}

/** One message through the core and back; the one place an error becomes an apology. */
async function converse(deps: DoorDeps, client: webApi.WebClient, inbound: SlackInbound, target: SlackTarget, reqId: unknown): Promise<void> {
  const { core, log } = deps;
  const context = { reqId, messageId: inbound.message.messageId };
  try {
    if (inbound.dm) await core.messages.remember('slack', inbound.message.address, { channel: inbound.dm, team: inbound.team });
    const reply = await core.messages.receive(inbound.message);
    log.info({ ...context, answered: Boolean(reply) }, 'slack message');
    if (!reply) return;
    await deliverReply(deps, client, target, reply, context);
  } catch (err) {
    log.error({ ...context, err }, 'slack message failed');
    const posted = await target.post(renderBlocks(core.messages.failed(err))).then(() => true, (again: unknown) => {
      log.error({ ...context, err: again }, 'slack apology failed');
      return false;
    });
    if (!posted) return;
  }
  await core.messages.answered(inbound.message).catch((err: unknown) => log.error({ ...context, err }, 'answer not recorded'));
}
