import crypto from 'node:crypto';
import { receiveMessage } from '../../core/conversation/receive-message';
import type { AddressSender } from '../../core/outbound/address-sender';
import { conversationDeps } from '../support/conversation';
import { eventually } from '../support/eventually';
import { useFixtureDatabase } from '../support/fixture-database';

class RecordingCodes implements AddressSender {
  readonly sent: Array<{ to: string; code: string }> = [];
  /** Codes the provider refused: asked for, never delivered. */
  readonly failed: Array<{ to: string; code: string }> = [];
  reaches = { email: true, phone: true, slack: false };
  failing = false;
  async send(to: { email: string } | { phone: string }, { text }: { subject: string; text: string }) {
    const sent = { to: 'email' in to ? to.email : to.phone, code: /code is (\d{6})/.exec(text)![1] };
    if (this.failing) {
      this.failed.push(sent);
      throw new Error('the provider refused the message');
    }
    this.sent.push(sent);
  }
}

/** Codes leave after the answer: wait until `count` have been handed over (or refused). */
async function codesOut(codes: RecordingCodes, count: number) {
  await eventually(() => codes.sent.length + codes.failed.length >= count);
  // A code is stored just after its send: give that write its turn too.
  await new Promise((r) => setTimeout(r, 50));
  expect(codes.sent.length + codes.failed.length).toBe(count);
}

const fixture = useFixtureDatabase('pglite');

let n = 0;
function stranger(codes: RecordingCodes, address = '+15550007777', at = '2026-11-24T15:00:00Z') {
  const deps = conversationDeps(fixture.db.prisma, { messenger: codes, clock: () => new Date(at) });
  return async (text: string) => (await receiveMessage(deps, { channel: 'whatsapp', address, text, messageId: `l${++n}` }))!.text;
}

test('an unknown number links with a code sent to the e-mail on record, then sees its account', async () => {
  const codes = new RecordingCodes();
  const say = stranger(codes);
  expect(await say('what do I owe')).toMatch(/^Hi! To see your account here, I first need to link this chat/);
  expect(await say('hank@globex.example')).toBe('If hank@globex.example is on record, a 6-digit code is on its way to it. Reply here with the code within 10 minutes to link this chat.');
  await codesOut(codes, 1);
  expect(codes.sent[0].to).toBe('hank@globex.example');
  expect(await say(codes.sent[0].code)).toBe('You\'re linked as Hank Scorpio of Globex Corp. Say "hi" to see your account, or ask "what do I owe".');
  expect(await say('what do I owe')).toMatch(/^You owe \$750\.00/);
});

test('an address not on record gets the very same answer, and no code can link it', async () => {
  const codes = new RecordingCodes();
  const say = stranger(codes);
  const onRecord = await stranger(new RecordingCodes(), '+15550008888')('hank@globex.example');
  const notOnRecord = await say('nobody@nowhere.example');
  expect(notOnRecord.replace('nobody@nowhere.example', 'X')).toBe(onRecord.replace('hank@globex.example', 'X'));
  await new Promise((r) => setTimeout(r, 100));
  expect(codes.sent).toHaveLength(0);
  expect(await say('123456')).toBe("That code isn't right. You have 4 tries left.");
});

test('five tries per code, three codes an hour, ten minutes of validity', async () => {
  const codes = new RecordingCodes();
  const say = stranger(codes);
  await say('+15555550101');
  await codesOut(codes, 1);
  expect(codes.sent[0].to).toBe('+15555550101');
  const wrong = codes.sent[0].code === '000000' ? '111111' : '000000';
  for (let i = 4; i >= 1; i--) expect(await say(wrong)).toBe(`That code isn't right. You have ${i} ${i === 1 ? 'try' : 'tries'} left.`);
  expect(await say(wrong)).toMatch(/^Too many wrong codes/);
  expect(await say(codes.sent[0].code)).toMatch(/^Too many wrong codes/);
  await say('+15555550101');
  await say('+15555550101');
  expect(await say('+15555550101')).toMatch(/^You've asked for several codes in the last hour/);
  await codesOut(codes, 3);
  const late = stranger(codes, '+15550007777', '2026-11-24T15:11:00Z');
  expect(await late(codes.sent[2].code)).toMatch(/^That code has expired or was never sent/);
});

test('a code exists only once its message was handed over: a code the provider refused links nothing', async () => {
  const codes = new RecordingCodes();
  codes.failing = true;
  const say = stranger(codes);
  expect(await say('hank@globex.example')).toMatch(/^If hank@globex\.example is on record, a 6-digit code is on its way/);
  await codesOut(codes, 1);
  expect(await say(codes.failed[0].code)).toBe("That code isn't right. You have 4 tries left.");
});

test('the same words whether or not the address is on record, and whichever way codes cannot go', async () => {
  const codes = new RecordingCodes();
  codes.reaches = { email: false, phone: true, slack: false };
  const known = await stranger(codes, '+15550001111')('hank@globex.example');
  const unknown = await stranger(codes, '+15550001112')('nobody@nowhere.example');
  expect(known).toBe("I can't send codes by e-mail here. Please send the mobile number your supplier has on file for you instead.");
  expect(unknown).toBe(known);
  codes.reaches = { email: true, phone: false, slack: false };
  expect(await stranger(codes, '+15550001113')('+15555550101')).toBe(await stranger(codes, '+15550001114')('+15550009999'));
});

test('three codes an hour to one address, whichever chats ask; then the address is named, known or not', async () => {
  const codes = new RecordingCodes();
  for (let i = 0; i < 3; i++) expect(await stranger(codes, `+1555000200${i}`)('+15555550101')).toMatch(/^If \+15555550101 is on record/);
  expect(await stranger(codes, '+15550002009')('+15555550101')).toBe('Several codes have been asked for +15555550101 in the last hour. Please wait a while before asking again.');
  await codesOut(codes, 3);
  for (let i = 0; i < 3; i++) await stranger(codes, `+1555000300${i}`)('+15550009999');
  expect(await stranger(codes, '+15550003009')('+15550009999')).toBe('Several codes have been asked for +15550009999 in the last hour. Please wait a while before asking again.');
});

test('ten wrong codes for one contact from several chats lock its linking for a day and tell the merchant', async () => {
  const codes = new RecordingCodes();
  const chats = [0, 1, 2].map((i) => stranger(codes, `+1555000400${i}`));
  for (const say of chats) await say('hank@globex.example');
  await codesOut(codes, 3);
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  const answers = [];
  for (let round = 0; round < 4; round++) for (let c = 0; c < 3; c++) answers.push(await chats[c](wrong(codes.sent[c].code)));
  expect(answers.filter((a) => /^That code isn't right/.test(a))).toHaveLength(12);
  expect(await fixture.db.prisma.event.findMany({ where: { type: 'linking.locked' }, select: { message: true } })).toEqual([
    { message: 'Linking chats to Hank Scorpio (Globex Corp) is locked for a day after 10 wrong codes from several chats. If that was not them, someone may be trying to reach their account.' },
  ]);
  // The right code no longer links, and no new code goes out.
  expect(await chats[0](codes.sent[0].code)).toBe('Too many wrong codes. Please ask for a new one by sending your e-mail address or mobile number again.');
  expect(await fixture.db.prisma.channelIdentity.count({ where: { contactId: { not: null }, address: { startsWith: '+155500040' } } })).toBe(0);
  expect(await stranger(codes, '+15550004009')('+15555550101')).toMatch(/^If \+15555550101 is on record/);
  await new Promise((r) => setTimeout(r, 100));
  expect(codes.sent).toHaveLength(3);
});

test('codes are kept as a hash keyed with APP_SECRET, not one anyone could recompute', async () => {
  const codes = new RecordingCodes();
  await stranger(codes)('hank@globex.example');
  await codesOut(codes, 1);
  const row = await fixture.db.prisma.linkCode.findFirstOrThrow({ where: { codeHash: { not: null } } });
  const { code } = codes.sent[0];
  const unkeyed = [`${row.identityId}:${code}`, `${row.id}:${code}`, code].map((t) => crypto.createHash('sha256').update(t).digest('hex'));
  expect(unkeyed).not.toContain(row.codeHash);
  expect(row.codeHash).toBe(crypto.createHmac('sha256', 'test-secret-that-is-long-enough-1234567890').update(`${row.id}:${code}`).digest('hex'));
});

test('a retried delivery is answered once; a flood gets one warning then silence', async () => {
  const deps = conversationDeps(fixture.db.prisma);
  const send = (text: string, messageId: string) => receiveMessage(deps, { channel: 'whatsapp', address: '+15555550101', text, messageId });
  expect((await send('what do I owe', 'SM1'))!.text).toMatch(/^You owe/);
  expect(await send('what do I owe', 'SM1')).toBeNull();
  const answers = [];
  for (let i = 0; i < 25; i++) answers.push(await send('hi', `F${i}`));
  expect(answers.filter((a) => a !== null && /^You're sending messages faster/.test(a.text))).toHaveLength(1);
  expect(answers.slice(19).filter((a) => a === null).length).toBeGreaterThan(0);
});

test('files: a PDF is kept as shared by the customer and the merchant told; other types are refused', async () => {
  const deps = conversationDeps(fixture.db.prisma);
  const pdf = Buffer.from('%PDF-1.4 test');
  const answer = await receiveMessage(deps, {
    channel: 'whatsapp', address: '+15555550101', text: '', messageId: 'MM1',
    files: [
      { fileName: 'remittance.pdf', contentType: 'application/pdf', fetch: async () => pdf },
      { fileName: 'virus.exe', contentType: 'application/octet-stream', fetch: async () => Buffer.from('MZ') },
    ],
  });
  expect(answer!.text).toBe('Thanks! I\'ve passed "remittance.pdf" to Acme Supplies Ltd; it\'s under your shared documents. I can\'t accept virus.exe (only PDFs and JPEG or PNG photos).');
  const doc = await fixture.db.prisma.sharedDocument.findFirstOrThrow();
  expect(doc).toMatchObject({ title: 'remittance.pdf', sharedBy: 'customer', contentType: 'application/pdf', size: pdf.length });
  expect(await fixture.db.prisma.event.count({ where: { type: 'document.received' } })).toBe(1);
  const unlinked = await receiveMessage(deps, { channel: 'sms', address: '+15550001234', text: '', messageId: 'MM2', files: [{ fileName: 'a.pdf', contentType: 'application/pdf', fetch: async () => pdf }] });
  expect(unlinked!.text).toMatch(/^I can only accept files once this chat is linked/);
  expect(await fixture.db.prisma.sharedDocument.count()).toBe(1);
});

test('a picture sent as a bare image/* is recognised by its bytes; a disguised file is not', async () => {
  const deps = conversationDeps(fixture.db.prisma);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest of a picture')]);
  const answer = await receiveMessage(deps, {
    channel: 'teams', address: 'tid-1:29:abc', text: '', messageId: 'pic1',
    files: [
      { fileName: 'pasted image', contentType: 'image/*', fetch: async () => png },
      { fileName: 'not a picture', contentType: 'image/*', fetch: async () => Buffer.from('MZ executable') },
    ],
  });
  expect(answer!.text).toBe('Thanks! I\'ve passed "pasted image" to Acme Supplies Ltd; it\'s under your shared documents. I can\'t accept not a picture (only PDFs and JPEG or PNG photos).');
  expect(await fixture.db.prisma.sharedDocument.findFirstOrThrow({ where: { title: 'pasted image' } })).toMatchObject({ contentType: 'image/png' });
});
