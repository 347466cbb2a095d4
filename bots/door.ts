import type { Logger } from 'pino';
import type { Config } from '../core/config';
import type { ConversationDeps } from '../core/conversation/turn';

/** What every channel door is given by the composition root. */
export interface DoorDeps {
  config: Config;
  log: Logger;
  portal: ConversationDeps;
}
