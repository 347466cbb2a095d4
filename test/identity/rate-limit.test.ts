import { receiveMessage } from '../../core/conversation/receive-message';
import { conversationDeps } from '../support/conversation';
import { useFixtureDatabase } from '../support/fixture-database';
import { DATABASE_KINDS } from '../support/test-database';

const SLOW_DOWN = "You're sending messages faster than I can answer. Please wait a minute and try again.";

describe.each(DATABASE_KINDS)('rate limits on %s', (kind) => {
  const fixture = useFixtureDatabase(kind);
  let n = 0;

  function sender(address: string, at: string, limits = { perIdentityPerMinute: 3, perPrefixPerMinute: 5 }) {
    const deps = conversationDeps(fixture.db.prisma, { clock: () => new Date(at), limits });
    return async (text = 'what do I owe') => (await receiveMessage(deps, { channel: 'sms', address, text, messageId: `r${kind}${++n}` }))?.text ?? null;
  }

  test('past the limit a sender is told once to slow down, then answered with silence until the next minute', async () => {
    const say = sender('+15555550101', '2026-11-24T15:00:10Z');
    for (let i = 0; i < 3; i++) expect(await say()).toMatch(/^You owe \$750\.00/);
    expect(await say()).toBe(SLOW_DOWN);
    expect(await say()).toBeNull();
    expect(await say()).toBeNull();
    expect(await sender('+15555550101', '2026-11-24T15:01:00Z')()).toMatch(/^You owe \$750\.00/);
  });

  test('many numbers of one range share the prefix limit; other ranges are not slowed', async () => {
    // SMS pumping: each number stays under its own limit, the range does not.
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await sender(`+1555444${String(i).padStart(4, '0')}`, '2026-11-24T15:00:10Z')('hi'));
    expect(answers.slice(0, 5).every((a) => a !== SLOW_DOWN && a !== null)).toBe(true);
    expect(answers.slice(5)).toEqual([SLOW_DOWN, null]);
    expect(await sender('+15555550101', '2026-11-24T15:00:10Z')()).toMatch(/^You owe \$750\.00/);
  });

  test('a retried delivery is answered once and not counted again', async () => {
    const deps = conversationDeps(fixture.db.prisma, { clock: () => new Date('2026-11-24T15:00:10Z'), limits: { perIdentityPerMinute: 1, perPrefixPerMinute: 5 } });
    const message = { channel: 'sms' as const, address: '+15555550101', text: 'what do I owe', messageId: 'SM-retried' };
    expect((await receiveMessage(deps, message))?.text).toMatch(/^You owe/);
    expect(await receiveMessage(deps, message)).toBeNull();
    expect((await receiveMessage(deps, { ...message, messageId: 'SM-next' }))?.text).toBe(SLOW_DOWN);
  });

  test('messages arriving at once are counted exactly, and one delivery sent five times at once is answered once', async () => {
    const deps = conversationDeps(fixture.db.prisma, { clock: () => new Date('2026-11-24T15:00:10Z'), limits: { perIdentityPerMinute: 3, perPrefixPerMinute: 100 } });
    const burst = await Promise.all(Array.from({ length: 6 }, (_, i) => receiveMessage(deps, { channel: 'sms', address: '+15555550101', text: 'what do I owe', messageId: `SM-burst-${i}` })));
    const texts = burst.map((r) => r?.text ?? null);
    expect(texts.filter((t) => t?.startsWith('You owe'))).toHaveLength(3);
    expect(texts.filter((t) => t === SLOW_DOWN)).toHaveLength(1);
    expect(texts.filter((t) => t === null)).toHaveLength(2);

    const again = { channel: 'sms' as const, address: '+15555550102', text: 'what do I owe', messageId: 'SM-five-times' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => receiveMessage(deps, again)));
    expect(answers.filter((r) => r !== null)).toHaveLength(1);
    expect(await fixture.db.prisma.inboundReceipt.count({ where: { messageId: 'SM-five-times' } })).toBe(1);
  });

  test('a message the database refuses fails alone: the messages arriving with it are answered', async () => {
    const deps = conversationDeps(fixture.db.prisma, { clock: () => new Date('2026-11-24T15:00:10Z'), limits: { perIdentityPerMinute: 100, perPrefixPerMinute: 100 } });
    // PostgreSQL takes no NUL character in text: this message id cannot be stored.
    const ids = ['SM-a', 'SM-\u0000', 'SM-b', 'SM-c'];
    const results = await Promise.allSettled(ids.map((messageId) => receiveMessage(deps, { channel: 'sms', address: '+15555550101', text: 'what do I owe', messageId })));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(results.filter((r) => r.status === 'fulfilled').every((r) => (r as PromiseFulfilledResult<{ text: string }>).value.text.startsWith('You owe'))).toBe(true);
  });
});
