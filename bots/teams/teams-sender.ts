import type { ConversationReference } from 'botbuilder';
import type { OutboundSender } from '../../core/outbound/outbound-sender';
import { AppError } from '../../core/errors';
import { toActivity } from './render-activity';
import { createTeamsAdapter, teamsUnavailable, type TeamsAuthOptions } from './teams-adapter';
import type { TeamsDeps } from './teams-route';

/**
 * Messages nobody asked for just now (receipts, the merchant's reminders): Teams lets a bot
 * write only into a conversation it has seen, so this continues the personal chat whose
 * reference the door kept from the customer's last message.
 */
export function createTeamsSender({ config, core }: Pick<TeamsDeps, 'config' | 'core'>, auth: TeamsAuthOptions = {}): OutboundSender {
  const off = teamsUnavailable(config);
  const adapter = off ? null : createTeamsAdapter(config, auth);
  return {
    async send(to, reply) {
      if (!adapter) throw new AppError('unavailable', `Teams is off: ${off}`);
      if (to.channel !== 'teams') throw new AppError('bad_request', `the Teams sender cannot reach ${to.channel}`);
      const reference = await storedReference(core, to.address);
      if (!reference) throw new AppError('not_found', `no Teams conversation is known for ${to.address}`);
      await adapter.continueConversationAsync(config.MicrosoftAppId ?? '', reference, async (ctx) => {
        await ctx.sendActivity(toActivity(reply, { personal: true, userId: reference.user?.id }));
      });
    },
  };
}

async function storedReference(core: TeamsDeps['core'], address: string): Promise<Partial<ConversationReference> | null> {
  const reference = (await core.messages.recall('teams', address)) as Partial<ConversationReference> | null;
  return reference?.serviceUrl && reference.conversation?.id ? reference : null;
}
