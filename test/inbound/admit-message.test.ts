import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../core/db/open-database';
import { answered, receiveMessage, type ChannelMessage } from '../../core/conversation/receive-message';
import { conversationDeps } from '../support/conversation';
import { fixtureFile } from '../support/fixture';
import { useFixtureDatabase } from '../support/fixture-database';
import { load } from '../support/load';
import { DATABASE_KINDS, openTestDatabase } from '../support/test-database';

const slowDown = (seconds: number) => `You're sending messages faster than I can answer. Please wait ${seconds} seconds, then write again.`;

describe.each(DATABASE_KINDS)('rate limits on %s', (kind) => {
  const fixture = useFixtureDatabase(kind);
  let n = 0;

  function sender(address: string, at: string, { channel = 'sms' as ChannelMessage['channel'], limits = { perIdentityPerMinute: 3, perPrefixPerMinute: 5 } } = {}) {
    const deps = conversationDeps(fixture.db.prisma, { clock: () => new Date(at), limits });
    return async (text = 'what do I owe') => (await receiveMessage(deps, { channel, address, text, messageId: `r${kind}${++n}` }))?.text ?? null;
  }

  test('past the limit a texting sender is told once when to write again, then not answered until then', async () => {
    const say = sender('+15555550101', '2026-11-24T15:00:10Z');
    for (let i = 0; i < 3; i++) expect(await say()).toMatch(/^You owe \$750\.00/);
    expect(await say()).toBe(slowDown(50));
    expect(await say()).toBeNull();
    expect(await say()).toBeNull();
    expect(await sender('+15555550101', '2026-11-24T15:01:00Z')()).toMatch(/^You owe \$750\.00/);
  });

  test('in the console, Slack and Teams a sender past the limit is told each time, with the time left', async () => {
    for (const [channel, address] of [['web', 'session-0123456789abcdef'], ['slack', 'T0001:U0001'], ['teams', 'tid-1:29:abc']] as const) {
      for (let i = 0; i < 3; i++) await sender(address, '2026-11-24T15:00:10Z', { channel })();
      expect(await sender(address, '2026-11-24T15:00:10Z', { channel })()).toBe(slowDown(50));
      expect(await sender(address, '2026-11-24T15:00:45Z', { channel })()).toBe(slowDown(15));
    }
  });

  test('unlinked numbers of one range share the prefix limit; a linked customer in that range is never slowed by them', async () => {
    // SMS pumping: each number stays under its own limit, the range does not.
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await sender(`+1555555${String(9000 + i)}`, '2026-11-24T15:00:10Z')('hi'));
    expect(answers.slice(0, 5).every((a) => a?.startsWith('Hi! To see your account here'))).toBe(true);
    expect(answers.slice(5)).toEqual([slowDown(50), null]);
    // Hank (+15555550101) and Bill (+15555550102) share the range +1555555….
    expect(await sender('+15555550101', '2026-11-24T15:00:10Z')()).toMatch(/^You owe \$750\.00/);
    expect(await sender('+15555550102', '2026-11-24T15:00:10Z')()).toMatch(/^You owe \$4,190\.00/);
  });

  test("messages over their own limit do not count against the range: one noisy number does not silence a stranger next to it", async () => {
    const noisy = sender('+15555559100', '2026-11-24T15:00:10Z');
    for (let i = 0; i < 40; i++) await noisy('hi');
    expect(await sender('+15555559101', '2026-11-24T15:00:10Z')('hi')).toMatch(/^Hi! To see your account here/);
  });

  test('a retried delivery is answered once and not counted again', async () => {
    const deps = conversationDeps(fixture.db.prisma, { clock: () => new Date('2026-11-24T15:00:10Z'), limits: { perIdentityPerMinute: 1, perPrefixPerMinute: 5 } });
    const message = { channel: 'sms' as const, address: '+15555550101', text: 'what do I owe', messageId: 'SM-retried' };
    expect((await receiveMessage(deps, message))?.text).toMatch(/^You owe/);
    await answered(deps, message);
    expect(await receiveMessage(deps, message)).toBeNull();
    expect((await receiveMessage(deps, { ...message, messageId: 'SM-next' }))?.text).toBe(slowDown(50));
  });

  test('messages arriving at once are counted exactly, and one delivery sent five times at once is answered once', async () => {
    const deps = conversationDeps(fixture.db.prisma, { clock: () => new Date('2026-11-24T15:00:10Z'), limits: { perIdentityPerMinute: 3, perPrefixPerMinute: 100 } });
    const burst = await Promise.all(Array.from({ length: 6 }, (_, i) => receiveMessage(deps, { channel: 'sms', address: '+15555550101', text: 'what do I owe', messageId: `SM-burst-${i}` })));
    const texts = burst.map((r) => r?.text ?? null);
    expect(texts.filter((t) => t?.startsWith('You owe'))).toHaveLength(3);
    expect(texts.filter((t) => t === slowDown(50))).toHaveLength(1);
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

const owes = { channel: 'sms' as const, address: '+15555550101', text: 'what do I owe' };

test('a message taken by a process that died before answering is answered when the provider retries it (embedded database)', async () => {
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'retake-')), 'pglite');
  const first = await openDatabase({ dataDir });
  await load(first.prisma, fixtureFile());
  const taken = { ...owes, messageId: 'SM-taken-then-crash' };
  const done = { ...owes, messageId: 'SM-answered' };
  expect((await receiveMessage(conversationDeps(first.prisma), taken))?.text).toMatch(/^You owe/);
  expect((await receiveMessage(conversationDeps(first.prisma), done))?.text).toMatch(/^You owe/);
  await answered(conversationDeps(first.prisma), done);
  // While this process lives, a retry is the delivery it is still answering.
  expect(await receiveMessage(conversationDeps(first.prisma), taken)).toBeNull();
  await first.close();

  const second = await openDatabase({ dataDir });
  try {
    expect((await receiveMessage(conversationDeps(second.prisma), taken))?.text).toMatch(/^You owe/);
    expect(await receiveMessage(conversationDeps(second.prisma), done)).toBeNull();
  } finally {
    await second.close();
  }
}, 60_000);

// Several processes share PostgreSQL only; the embedded database is one process.
if (process.env.TEST_DATABASE_URL) test('on PostgreSQL, another live process\'s message is left to it; a dead one\'s is taken over at once', async () => {
  const db = await openTestDatabase('postgres');
  const other = await openDatabase({ url: db.url });
  try {
    await load(db.prisma, fixtureFile());
    const message = { ...owes, messageId: 'SM-other-process' };
    expect((await receiveMessage(conversationDeps(other.prisma), message))?.text).toMatch(/^You owe/);
    expect(await receiveMessage(conversationDeps(db.prisma), message)).toBeNull();
    // The other process ends without answering: its lock goes with its connection.
    await other.close();
    expect((await receiveMessage(conversationDeps(db.prisma), message))?.text).toMatch(/^You owe/);
    await answered(conversationDeps(db.prisma), message);
    expect(await receiveMessage(conversationDeps(db.prisma), message)).toBeNull();
  } finally {
    await db.close();
  }
}, 60_000);
