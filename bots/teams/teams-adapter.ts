import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Config } from '../../core/config';
import { AppError } from '../../core/errors';

/**
 * The SDK's authentication settings beyond the four Microsoft* ones (its OpenID, issuer and
 * login URLs), and the factory of outbound credentials. Nothing sets them in production; the
 * tests point them at a local stand-in of the Bot Framework.
 */
export interface TeamsAuthOptions {
  settings?: ConfigurationBotFrameworkAuthenticationOptions;
  credentials?: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1];
}

/**
 * Why Teams must stay off, or null. Without MicrosoftAppId the SDK checks no token and signs no
 * reply (the Emulator's mode): anyone could make the bot post to any serviceUrl, so wherever the
 * data may be real (production, or DATABASE_URL without DEMO=1) that mode is refused. An app id without its password could verify messages but never answer them.
 */
export function teamsUnavailable(config: Config): string | null {
  if (!config.MicrosoftAppId) return config.realData ? 'MicrosoftAppId is not set' : null;
  if (config.MicrosoftAppType !== 'UserAssignedMSI' && !config.MicrosoftAppPassword) return 'MicrosoftAppPassword is not set';
  return null;
}

/** The Bot Framework adapter: the SDK verifies inbound tokens and signs outbound calls. */
export function createTeamsAdapter(config: Config, { settings = {}, credentials }: TeamsAuthOptions = {}): CloudAdapter {
  try {
    return new CloudAdapter(new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: config.MicrosoftAppId,
      MicrosoftAppPassword: config.MicrosoftAppPassword,
      MicrosoftAppType: config.MicrosoftAppType,
      MicrosoftAppTenantId: config.MicrosoftAppTenantId,
      ...settings,
    }, credentials));
  } catch (err) {
    // The SDK asserts its own combinations (SingleTenant and MSI need MicrosoftAppTenantId, …): stop the start naming them.
    throw new AppError('config_invalid', `Invalid settings:\n  Microsoft*: ${(err as Error).message}`, undefined, { cause: err });
  }
}
