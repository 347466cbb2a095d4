import { verifySlackSignature } from '../../bots/slack/verify-signature';

// Slack's documented example ("Verifying requests from Slack").
const example = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: '1531420618',
  rawBody: Buffer.from('token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c'),
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};
const at = (seconds: number) => new Date(seconds * 1000);

test("Slack's documented example verifies at its own time", () => {
  expect(verifySlackSignature({ ...example, now: at(1531420618) })).toBe('ok');
});

test('the window is five minutes either side, inclusive', () => {
  expect(verifySlackSignature({ ...example, now: at(1531420618 + 300) })).toBe('ok');
  expect(verifySlackSignature({ ...example, now: at(1531420618 + 301) })).toBe('stale');
  expect(verifySlackSignature({ ...example, now: at(1531420618 - 301) })).toBe('stale');
});

test.each([
  ['a changed body', { rawBody: Buffer.concat([example.rawBody, Buffer.from('&x=1')]) }],
  ['a changed timestamp', { timestamp: '1531420619' }],
  ['another secret', { secret: 'not-the-secret' }],
  ['another version', { signature: example.signature.replace('v0=', 'v1=') }],
  ['a truncated signature', { signature: example.signature.slice(0, -1) }],
  ['no signature', { signature: undefined }],
  ['no timestamp', { timestamp: undefined }],
  ['a timestamp that is not a number', { timestamp: '1531420618.5' }],
])('%s is refused', (_what, change) => {
  expect(verifySlackSignature({ ...example, ...change, now: at(1531420618) })).toBe('bad');
});
