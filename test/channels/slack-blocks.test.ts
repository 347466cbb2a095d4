import { renderBlocks } from '../../bots/slack/render-blocks';
import { actionToInbound, commandToInbound, mentionToInbound, messageToInbound, slackText } from '../../bots/slack/to-inbound';

const noFetch = async () => Buffer.alloc(0);

describe('renderBlocks', () => {
  test('text is escaped for mrkdwn, so nothing the data says becomes a mention or a link', () => {
    const { text, blocks } = renderBlocks({ text: 'Tom & Jerry <!channel> <https://evil.example|click>' });
    expect(text).toBe('Tom &amp; Jerry &lt;!channel&gt; &lt;https://evil.example|click&gt;');
    expect(blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text } }]);
  });

  test('facts become fields, ten to a section; items a bulleted list; more a context line', () => {
    const facts = Array.from({ length: 12 }, (_, i) => ({ label: `L${i}`, value: `$${i}.00` }));
    const { blocks } = renderBlocks({ text: 'x', facts, items: [{ title: 'INV-1', detail: '$5.00 · unpaid' }], more: 3 });
    expect(blocks.map((b) => b.type)).toEqual(['section', 'section', 'section', 'rich_text', 'context']);
    expect(blocks[1]).toMatchObject({ fields: expect.arrayContaining([{ type: 'mrkdwn', text: '*L0*\n$0.00' }]) });
    expect((blocks[1] as { fields: unknown[] }).fields).toHaveLength(10);
    expect(blocks[3]).toEqual({
      type: 'rich_text',
      elements: [{ type: 'rich_text_list', style: 'bullet', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'INV-1', style: { bold: true } }, { type: 'text', text: ' $5.00 · unpaid' }] }] }],
    });
    expect(blocks[4]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '…and 3 more' }] });
  });

  test('a link is a primary url button; choices are at most five say-buttons', () => {
    const choices = Array.from({ length: 7 }, (_, i) => ({ label: `Choice ${i} ${'x'.repeat(100)}`, say: `say ${i}` }));
    const { blocks } = renderBlocks({ text: 'Pay', link: { label: 'Pay $300.00', url: 'https://pay.example/1' }, choices });
    const [, link, actions] = blocks as Array<{ type: string; elements: Array<Record<string, any>> }>;
    expect(link.elements).toEqual([{ type: 'button', action_id: 'portal_link', style: 'primary', text: { type: 'plain_text', text: 'Pay $300.00', emoji: true }, url: 'https://pay.example/1' }]);
    expect(actions.elements.map((e) => [e.action_id, e.value])).toEqual([0, 1, 2, 3, 4].map((i) => [`portal_say_${i}`, `say ${i}`]));
    expect(actions.elements.every((e) => e.text.text.length <= 75)).toBe(true);
  });

  test('a warning is marked', () => {
    expect(renderBlocks({ text: "Please don't send card numbers", warning: true }).text).toBe(":warning: Please don't send card numbers");
  });
});

describe('Slack wire → neutral message', () => {
  test("Slack's markup back to what was typed", () => {
    expect(slackText('<@UBOT> forward invoice 42 to <mailto:a@b.co|a@b.co>')).toBe('forward invoice 42 to a@b.co');
    expect(slackText('see <https://x.example/a|x.example> &lt;3 &amp; &gt;')).toBe('see x.example <3 & >');
    expect(slackText('in <#C1|general> <!here>')).toBe('in #general');
  });

  const event = (e: Record<string, unknown>) => ({ team_id: 'T1', event_id: 'Ev1', event: { type: 'message', user: 'U1', text: 'hi', channel: 'D1', channel_type: 'im', ...e } });

  test('a DM becomes a message from team:user, keyed by event_id; bots, edits and channel chatter do not', () => {
    expect(messageToInbound(event({}), noFetch)).toMatchObject({ team: 'T1', user: 'U1', dm: 'D1', message: { channel: 'slack', address: 'T1:U1', text: 'hi', messageId: 'event:Ev1', files: [] } });
    expect(messageToInbound(event({ bot_id: 'B1' }), noFetch)).toBeNull();
    expect(messageToInbound(event({ subtype: 'message_changed' }), noFetch)).toBeNull();
    expect(messageToInbound(event({ channel_type: 'channel', channel: 'C1' }), noFetch)).toBeNull();
  });

  test('a mention in a DM is left to the message event; in a channel it has no DM', () => {
    expect(mentionToInbound(event({ type: 'app_mention' }))).toBeNull();
    const mention = mentionToInbound(event({ type: 'app_mention', channel: 'C1', channel_type: undefined, text: '<@UBOT>' }))!;
    expect(mention.message).toMatchObject({ address: 'T1:U1', text: 'hello' });
    expect(mention.dm).toBeUndefined();
  });

  test('a command and a button press', () => {
    expect(commandToInbound({ team_id: 'T1', user_id: 'U1', text: 'my invoices', trigger_id: 'tr1' })!.message).toEqual({ channel: 'slack', address: 'T1:U1', text: 'my invoices', messageId: 'command:tr1' });
    const press = { user: { id: 'U1', team_id: 'T1' }, team: { id: 'T1' }, channel: { id: 'D1' }, container: { is_ephemeral: false }, trigger_id: 'tr2', actions: [{ value: 'pay everything', action_ts: '1.2' }] };
    expect(actionToInbound(press)).toMatchObject({ dm: 'D1', message: { text: 'pay everything', messageId: 'action:tr2' } });
    expect(actionToInbound({ ...press, container: { is_ephemeral: true } })!.dm).toBeUndefined();
  });
});
