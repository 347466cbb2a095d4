import type { Logger } from 'pino';
import type { Config } from '../core/config';
import type { ConversationDeps } from '../core/conversation/turn';
import type { FilesDeps } from './files/files-route';

/** What every channel door is given by the composition root. */
export interface DoorDeps {
  config: Config;
  log: Logger;
  portal: ConversationDeps;
  /** To turn a document link into the PDF itself, for channels that upload files (Slack). */
  files: FilesDeps;
}
