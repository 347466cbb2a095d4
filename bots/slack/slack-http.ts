import { LogLevel, type Logger as BoltLogger, type webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Config } from '../../core/config';
import type { SlackMessage } from './render-blocks';

/** The Web API client's options: Slack's own address, or the stand-in tests point SLACK_API_URL at. */
export function slackClientOptions(config: Config, log: Logger): webApi.WebClientOptions {
  const base = config.SLACK_API_URL?.replace(/\/+$/, '');
  return {
    ...(base ? { slackApiUrl: base.endsWith('/api') ? `${base}/` : `${base}/api/` } : {}),
    // A listener answers once; a retry loop after Slack's 3 s would only post twice.
    retryConfig: { retries: 0 },
    timeout: 15_000,
    logger: boltLogger(log),
  };
}

/**
 * Slack's SDK logs request bodies (message text) at debug: only its warnings and errors reach
 * our log, as text.
 */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'slack-sdk' });
  const line = (msgs: unknown[]) => msgs.map((m) => (m instanceof Error ? m.message : String(m))).join(' ');
  return {
    debug: () => {},
    info: () => {},
    warn: (...msgs) => child.warn(line(msgs)),
    error: (...msgs) => child.error(line(msgs)),
    setLevel: () => {},
    getLevel: () => LogLevel.WARN,
    setName: () => {},
  };
}

/** The bot token goes to Slack only: its file host, its hooks host, or the test stand-in. */
function allowed(url: string, slackHost: string, config: Config): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:' && parsed.host === slackHost) return true;
  return Boolean(config.SLACK_API_URL) && parsed.host === new URL(config.SLACK_API_URL!).host;
}

/** A file the customer shared in a DM: `url_private_download` answers only with the bot token. */
export async function fetchPrivateFile(url: string, config: Config): Promise<Buffer> {
  if (!allowed(url, 'files.slack.com', config)) throw new Error(`refusing to fetch a Slack file from ${new URL(url).host}`);
  // No redirects: a redirect elsewhere would carry the token with it.
  const res = await fetch(url, { headers: { Authorization: `Bearer ${config.SLACK_BOT_TOKEN ?? ''}` }, redirect: 'error', signal: AbortSignal.timeout(15_000) });
  if (!res.ok) throw new Error(`Slack file fetch ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** A slash command's or an ephemeral button's answer, seen only by the person who asked. */
export async function postToResponseUrl(url: string, message: SlackMessage, config: Config): Promise<void> {
  if (!allowed(url, 'hooks.slack.com', config)) throw new Error(`refusing a response_url on ${new URL(url).host}`);
  const res = await fetch(url, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, redirect: 'error', signal: AbortSignal.timeout(15_000),
    body: JSON.stringify({ ...message, response_type: 'ephemeral', replace_original: false }),
  });
  if (!res.ok) throw new Error(`Slack response_url ${res.status}`);
}
