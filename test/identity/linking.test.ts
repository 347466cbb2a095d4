import { receiveMessage } from '../../core/conversation/receive-message';
import type { CodeSender } from '../../core/identity/link-identity';
import { conversationDeps } from '../support/conversation';
import { useFixtureDatabase } from '../support/fixture-database';

class RecordingCodes implements CodeSender {
  readonly sent: Array<{ to: string; code: string }> = [];
  async sendCode(to: { email: string } | { phone: string }, code: string) {
    this.sent.push({ to: 'email' in to ? to.email : to.phone, code });
  }
}

const fixture = useFixtureDatabase('pglite');

let n = 0;
function stranger(codes: RecordingCodes, address = '+15550007777', at = '2026-11-24T15:00:00Z') {
  const deps = conversationDeps(fixture.db.prisma, { codes, clock: () => new Date(at) });
  return async (text: string) => (await receiveMessage(deps, { channel: 'whatsapp', address, text, messageId: `l${++n}` }))!.text;
}

test('an unknown number links with a code sent to the e-mail on record, then sees its account', async () => {
  const codes = new RecordingCodes();
  const say = stranger(codes);
  expect(await say('what do I owe')).toMatch(/^Hi! To see your account here, I first need to link this chat/);
  expect(await say('hank@globex.example')).toBe('If hank@globex.example is on record, a 6-digit code is on its way to it. Reply here with the code within 10 minutes to link this chat.');
  expect(codes.sent).toHaveLength(1);
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
  expect(codes.sent).toHaveLength(0);
  expect(await say('123456')).toBe("That code isn't right. You have 4 tries left.");
});

test('five tries per code, three codes an hour, ten minutes of validity', async () => {
  const codes = new RecordingCodes();
  const say = stranger(codes);
  await say('+15555550101');
  expect(codes.sent[0].to).toBe('+15555550101');
  const wrong = codes.sent[0].code === '000000' ? '111111' : '000000';
  for (let i = 4; i >= 1; i--) expect(await say(wrong)).toBe(`That code isn't right. You have ${i} ${i === 1 ? 'try' : 'tries'} left.`);
  expect(await say(wrong)).toMatch(/^Too many wrong codes/);
  expect(await say(codes.sent[0].code)).toMatch(/^Too many wrong codes/);
  await say('+15555550101');
  await say('+15555550101');
  expect(await say('+15555550101')).toMatch(/^You've asked for several codes in the last hour/);
  expect(codes.sent).toHaveLength(3);
  const late = stranger(codes, '+15550007777', '2026-11-24T15:11:00Z');
  expect(await late(codes.sent[2].code)).toMatch(/^That code has expired or was never sent/);
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
  expect(await fixture.db.prisma.notification.count({ where: { kind: 'document_received' } })).toBe(1);
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
