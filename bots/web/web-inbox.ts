import type { OutboundSender } from '../../core/outbound/outbound-sender';
import type { Reply } from '../../core/replies/reply';

const KEEP = 20;

/**
 * Messages for web console sessions that nobody asked for just now (a receipt after the
 * sandbox checkout), held until the page next asks. The console is the demo's own channel on
 * the embedded database, one process: memory is enough, and a restart only loses unread ones.
 */
export function createWebInbox(): OutboundSender & { take(sessionId: string): Reply[] } {
  const waiting = new Map<string, Reply[]>();
  return {
    async send(to, reply) {
      const list = waiting.get(to.address) ?? [];
      list.push(reply);
      waiting.set(to.address, list.slice(-KEEP));
    },
    take(sessionId) {
      const list = waiting.get(sessionId) ?? [];
      waiting.delete(sessionId);
      return list;
    },
  };
}
