import type { Logger } from 'pino';
import type { Config } from '../core/config';
import type { Core } from '../core/facade/core';

/** What every channel door is given by the composition root: its settings, the log, and the core's operations. */
export interface DoorDeps {
  config: Config;
  log: Logger;
  core: Core;
}
