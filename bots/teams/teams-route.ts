import type restify from 'restify';
import { ActivityTypes, TurnContext, type Activity, type CloudAdapter } from 'botbuilder';
import type { Reply } from '../../core/replies/reply';
import type { DoorDeps } from '../door';
import { body } from '../http/body';
import { fetchTeamsFile } from './fetch-teams-file';
import { toActivity } from './render-activity';
import { createTeamsAdapter, teamsUnavailable, type TeamsAuthOptions } from './teams-adapter';
import { teamsAddress, toInbound } from './to-inbound';

const ROUTE = '/api/messages';

export type TeamsDeps = DoorDeps;

/**
 * Microsoft Teams through the Bot Framework: the SDK's CloudAdapter verifies the token (when
 * MicrosoftAppId is set) and carries replies back to the connector; this door only translates
 * an activity into the neutral message and the reply into an activity. The Bot Service gives up
 * after about 15 seconds, and nothing here is slow: documents go out as links.
 */
export function registerTeams(server: restify.Server, deps: TeamsDeps, auth: TeamsAuthOptions = {}): void {
  const { config, log } = deps;
  const off = teamsUnavailable(config);
  if (off) {
    log.warn({ why: off }, `Teams is off: ${ROUTE} answers 503`);
    server.post(ROUTE, async (_req, res) => {
      res.send(503, { error: 'Teams is not configured' });
    });
    return;
  }
  if (!config.MicrosoftAppId) log.warn('Teams runs unauthenticated, as with the Bot Framework Emulator: set MicrosoftAppId and MicrosoftAppPassword');

  const adapter = createTeamsAdapter(config, auth);
  adapter.onTurnError = async (ctx, err) => {
    log.error({ err, activityId: ctx.activity.id }, 'teams turn failed');
  };
  // The Bot Service's own limit for an activity, on the wire and once decoded.
  server.post(ROUTE, body('json', 512 * 1024), async (req, res) => {
    await adapter.process(req, res, (ctx) => answerTurn(ctx, adapter, deps));
  });
}

async function answerTurn(ctx: TurnContext, adapter: CloudAdapter, { config, log, core }: TeamsDeps): Promise<void> {
  const { activity } = ctx;
  // Installs, reactions, typing and the like ask nothing of the portal.
  if (activity.type !== ActivityTypes.Message) return;
  // Another channel on the same bot registration (Web Chat, Direct Line) lets the client choose its own ids.
  if (config.MicrosoftAppId && activity.channelId !== 'msteams') return;
  const address = teamsAddress(activity);
  if (!address) return;

  const personal = isPersonal(activity);
  // Reminders go to the personal chat only: a group chat or channel is not the customer's alone.
  if (personal) await core.messages.remember('teams', address, JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))));

  const message = toInbound(activity, address, (source) => fetchTeamsFile(source, activity.serviceUrl, () => botAuthorization(ctx, adapter)));
  let reply: Reply | null;
  try {
    reply = await core.messages.receive(message);
  } catch (err) {
    log.error({ err, activityId: activity.id }, 'teams message failed');
    reply = core.messages.failed(err);
  }
  log.info({ activityId: activity.id, personal, answered: Boolean(reply) }, 'teams message');
  if (!reply) return;
  await ctx.sendActivity(toActivity(reply, { personal, userId: activity.from?.id }));
  await core.messages.answered(message).catch((err: unknown) => log.error({ err, activityId: activity.id }, 'answer not recorded'));
}

export function isPersonal(activity: Pick<Activity, 'conversation'>): boolean {
  const conversation = activity.conversation;
  // The Emulator names no conversation type.
  return conversation?.conversationType ? conversation.conversationType === 'personal' : !conversation?.isGroup;
}

/** The bot's own token, as the SDK signs connector calls (none in the Emulator's mode). */
async function botAuthorization(ctx: TurnContext, adapter: CloudAdapter): Promise<string | undefined> {
  const connector = ctx.turnState.get(adapter.ConnectorClientKey) as { credentials?: { signRequest(request: object): Promise<unknown> } } | undefined;
  const headers: Record<string, string> = {};
  await connector?.credentials?.signRequest({ headers: { set: (name: string, value: string) => { headers[name.toLowerCase()] = value; } } });
  return headers.authorization;
}
