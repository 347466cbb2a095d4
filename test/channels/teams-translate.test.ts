import type { Activity } from 'botbuilder';
import { toActivity } from '../../bots/teams/render-activity';
import { isPersonal } from '../../bots/teams/teams-route';
import { FILE_DOWNLOAD_INFO, teamsAddress, toInbound } from '../../bots/teams/to-inbound';
import type { Reply } from '../../core/replies/reply';

function activity(extra: Partial<Activity>): Activity {
  return {
    type: 'message', id: 'f:1', channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/amer/',
    from: { id: '29:abc', name: 'Hank' }, recipient: { id: '28:bot', name: 'Portal' },
    conversation: { id: 'a:1', conversationType: 'personal', tenantId: 'tid-1', isGroup: false, name: '' },
    channelData: { tenant: { id: 'tid-1' } }, text: '', ...extra,
  } as Activity;
}

const noFetch = async () => Buffer.alloc(0);

describe('Teams activity → neutral message', () => {
  test.each([
    ['<at>Portal</at> what do I owe', 'what do I owe'],
    ['what do I owe <at>Portal</at>', 'what do I owe'],
    ['<at>Portal</at> ask <at>Bill</at> about invoice 2', 'ask <at>Bill</at> about invoice 2'],
  ])('the bot mention is stripped, other mentions stay: %s', (text, expected) => {
    const entities = [
      { type: 'mention', text: '<at>Portal</at>', mentioned: { id: '28:bot', name: 'Portal' } },
      { type: 'mention', text: '<at>Bill</at>', mentioned: { id: '29:bill', name: 'Bill' } },
    ];
    expect(toInbound(activity({ text, entities }), 'tid-1:29:abc', noFetch).text).toBe(expected);
  });

  test('an Action.Submit value { say } is the text; the id is the message id', () => {
    const message = toInbound(activity({ text: undefined, value: { say: 'pay invoice INV-000002' }, id: 'f:9' }), 'tid-1:29:abc', noFetch);
    expect(message).toMatchObject({ channel: 'teams', address: 'tid-1:29:abc', text: 'pay invoice INV-000002', messageId: 'f:9', files: [] });
  });

  test('the address is tenant:user; the Emulator, with no tenant, is its own namespace', () => {
    expect(teamsAddress(activity({}))).toBe('tid-1:29:abc');
    expect(teamsAddress(activity({ channelData: {}, conversation: { id: 'c', isGroup: false, conversationType: '', name: '' }, channelId: 'emulator' }))).toBe('emulator:29:abc');
  });

  test('files: shared files and pictures, not the HTML copy of the text or cards', () => {
    const message = toInbound(activity({
      attachments: [
        { contentType: FILE_DOWNLOAD_INFO, name: 'Remittance.PDF', content: { downloadUrl: 'https://globex.sharepoint.com/d/1', fileType: 'pdf' } },
        { contentType: FILE_DOWNLOAD_INFO, name: 'notes.docx', content: { downloadUrl: 'https://globex.sharepoint.com/d/2', fileType: 'docx' } },
        { contentType: 'image/*', contentUrl: 'https://smba.trafficmanager.net/amer/v3/attachments/1/views/original', name: 'photo.jpg' },
        { contentType: 'image/png', contentUrl: 'https://smba.trafficmanager.net/amer/v3/attachments/2/views/original' },
        { contentType: 'text/html', content: '<p>hi</p>' },
        { contentType: 'application/vnd.microsoft.card.adaptive', content: {} },
      ],
    }), 'tid-1:29:abc', noFetch);
    expect(message.files!.map(({ fileName, contentType }) => [fileName, contentType])).toEqual([
      ['Remittance.PDF', 'application/pdf'],
      ['notes.docx', 'application/octet-stream'],
      ['photo.jpg', 'image/jpeg'],
      ['Teams file 4.png', 'image/png'],
    ]);
  });

  test('personal chat: by conversation type, and the Emulator by isGroup', () => {
    expect(isPersonal({ conversation: { id: 'a', conversationType: 'personal', isGroup: false, name: '' } })).toBe(true);
    expect(isPersonal({ conversation: { id: 'a', conversationType: 'channel', isGroup: true, name: '' } })).toBe(false);
    expect(isPersonal({ conversation: { id: 'a', isGroup: false } as Activity['conversation'] })).toBe(true);
  });
});

describe('neutral reply → Teams activity', () => {
  const personal = { personal: true, userId: '29:abc' };
  const choices = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `C${i}`, say: `say ${i}` }));

  test('text alone is markdown text, a warning marked', () => {
    expect(toActivity({ text: 'Hello' }, personal)).toEqual({ type: 'message', text: 'Hello', textFormat: 'markdown' });
    expect(toActivity({ text: 'No card numbers', warning: true }, personal).text).toBe('⚠️ No card numbers');
  });

  test('up to three choices alone in personal chat are suggested actions; more, or in a group, a card', () => {
    expect(toActivity({ text: 'x', choices: choices(3) }, personal).suggestedActions).toEqual({
      to: ['29:abc'], actions: choices(3).map((c) => ({ type: 'imBack', title: c.label, value: c.say })),
    });
    for (const [reply, audience] of [[{ text: 'x', choices: choices(4) }, personal], [{ text: 'x', choices: choices(2) }, { personal: false }]] as const) {
      const made = toActivity(reply, audience);
      expect(made.suggestedActions).toBeUndefined();
      expect(made.attachments![0].content.actions.map((a: { data: { say: string } }) => a.data.say)).toEqual(reply.choices.map((c) => c.say));
    }
  });

  test('a card: facts, items (pressable when they say something), the rest counted, links first, at most six actions', () => {
    const reply: Reply = {
      text: 'Invoice', facts: [{ label: 'Total', value: '$500.00' }],
      items: [{ title: 'INV-1', detail: '$5.00', say: 'invoice INV-1' }, { title: 'Note', detail: '' }], more: 3,
      link: { label: 'Pay $500.00', url: 'https://pay.example/1' },
      document: { title: 'Invoice INV-1', fileName: 'INV-1.pdf', url: 'https://portal.example.com/files/t', token: 't' },
      choices: choices(6),
    };
    const card = toActivity(reply, personal).attachments![0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.body).toEqual([
      { type: 'FactSet', facts: [{ title: 'Total', value: '$500.00' }] },
      expect.objectContaining({ type: 'Container', selectAction: expect.objectContaining({ type: 'Action.Submit', data: { say: 'invoice INV-1' } }) }),
      expect.not.objectContaining({ selectAction: expect.anything() }),
      expect.objectContaining({ type: 'TextBlock', text: '+3' }),
    ]);
    expect(card.content.actions.map((a: { type: string; url?: string }) => a.url ?? a.type)).toEqual([
      'https://pay.example/1', 'https://portal.example.com/files/t', 'Action.Submit', 'Action.Submit', 'Action.Submit', 'Action.Submit',
    ]);
  });
});
