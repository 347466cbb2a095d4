/**
 * The desk, treated as hostile (the server as an operator runs it, production settings): signed
 * out, no route under /desk shows any organization's data; a forged, altered or revoked session
 * is signed out; one organization's key never shows another's customers, runs or events; a
 * change without the session's CSRF token is refused and changes nothing; the cookie is HttpOnly,
 * SameSite=Strict and Secure; huge and odd bodies are refused; a flood of wrong keys stops nothing.
 */
import { createMerchantKey, revokeMerchantKey } from '../../core/merchant/merchant-keys';
import { fixtureFile } from '../support/fixture';
import { load } from '../support/load';
import { ADMIN_API_KEY, startProductionServer, stillServing, type ProductionServer } from './production-server';
import { rawPost } from './raw-request';

let server: ProductionServer;
const keys = {} as { acme: string; other: string; revoked: string };
let otherRun = 0;

beforeAll(async () => {
  server = await startProductionServer({}, async (db) => {
    await load(db, {
      organization: { ...fixtureFile().organization, key: 'other', name: 'Other Supplies' },
      customers: [{ key: 'o1', name: 'Olive Outfitters', currency: 'USD', contacts: [{ name: 'Olive', email: 'olive@other.example', primary: true }] }],
      invoices: [{ number: 'INV-900001', customer: 'o1', date: '2026-01-01', dueDate: '2026-02-01', total: '777.00', status: 'sent' }],
    });
    keys.acme = (await createMerchantKey(db, { org: 'acme' })).key;
    keys.other = (await createMerchantKey(db, { org: 'other' })).key;
    const revoked = await createMerchantKey(db, { org: 'acme' });
    keys.revoked = revoked.key;
    await revokeMerchantKey(db, revoked.prefix);
    const other = await db.organization.findUniqueOrThrow({ where: { key: 'other' } });
    otherRun = (await db.reminderRun.create({ data: { orgId: other.id, reminderIds: [] } })).id;
    await db.event.create({ data: { id: 'evt_other_secret', orgId: other.id, seq: 1, type: 'payment.recorded', message: 'Olive Outfitters paid $777.00 SECRET', data: {} } });
  });
}, 120_000);
afterAll(() => server?.close());

/** A request without following redirects, so the answer itself is seen. */
async function call(path: string, { method = 'GET', cookie, form }: { method?: string; cookie?: string; form?: Record<string, string> } = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method, redirect: 'manual',
    headers: { ...(cookie ? { Cookie: cookie } : {}), ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  return { status: res.status, text: await res.text(), setCookie: res.headers.get('set-cookie'), location: res.headers.get('location') };
}

async function signIn(key: string) {
  const answer = await call('/desk/session', { method: 'POST', form: { key } });
  const cookie = /^(desk=[^;]+)/.exec(answer.setCookie ?? '')?.[1];
  return { answer, cookie };
}

async function csrfOf(cookie: string) {
  return /name="csrf" value="([^"]+)"/.exec((await call('/desk', { cookie })).text)?.[1] ?? '';
}

const SECRETS = ['Globex', 'Olive Outfitters', '$777.00', '$300.00', 'INV-0000', 'SECRET'];
const showsNothing = (text: string) => SECRETS.filter((s) => text.includes(s));

test('signed out, every route under /desk shows the sign-in form or nothing, never any data', async () => {
  for (const path of ['/desk', '/desk/customers/c1', '/desk/customers/o1', `/desk/runs/${otherRun}`, '/desk/feed', '/desk/feed?customer=c1', '/desk?sort=total&customer=c1']) {
    const answer = await call(path);
    expect(showsNothing(answer.text)).toEqual([]);
    expect([200, 401]).toContain(answer.status);
  }
  expect((await call('/desk')).text).toContain('name="key"');
  // Forged, altered, expired-looking and revoked sessions are all signed out.
  const { cookie } = await signIn(keys.acme);
  const value = cookie!.slice('desk='.length);
  const [id, expires, sig] = value.split('.');
  const revoked = (await signIn(keys.revoked)).cookie;
  for (const forged of [`desk=${id}.${expires}.${sig.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`, `desk=${id}.${Number(expires) + 999999}.${sig}`,
    `desk=${Number(id) + 1}.${expires}.${sig}`, `desk=0.${expires}.${sig}`, 'desk=', `desk=${'9'.repeat(5000)}`, 'desk=1.1.%00%ff']) {
    const answer = await call('/desk', { cookie: forged });
    expect(showsNothing(answer.text)).toEqual([]);
    expect(answer.text).toContain('name="key"');
  }
  expect(revoked).toBeUndefined();
});

test('a wrong, revoked or operator key does not sign in; the same words for each', async () => {
  const answers = await Promise.all([keys.revoked, `${keys.acme}x`, ADMIN_API_KEY, '', 'x'.repeat(300), `mk_000000000000_${'A'.repeat(43)}`].map((k) => signIn(k)));
  for (const { answer, cookie } of answers) {
    expect([answer.status, cookie]).toEqual([401, undefined]);
    expect(answer.text).toContain('That key is not valid.');
  }
});

test('the cookie is HttpOnly, SameSite=Strict and Secure, for /desk, 12 hours', async () => {
  const { answer } = await signIn(keys.acme);
  expect(answer.status).toBe(303);
  expect(answer.location).toBe('/desk');
  const flags = answer.setCookie!.split(';').map((p) => p.trim());
  expect(flags).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Secure', 'Path=/desk', 'Max-Age=43200']));
});

test("one organization's key never shows another's customers, runs or events", async () => {
  const { cookie } = await signIn(keys.acme);
  const page = await call('/desk', { cookie });
  expect(page.text).toContain('Globex');
  expect(page.text).not.toContain('Olive Outfitters');
  expect(page.text).not.toContain('SECRET');
  expect((await call('/desk/customers/o1', { cookie })).status).toBe(404);
  expect((await call(`/desk/runs/${otherRun}`, { cookie })).text).toContain('No such run');
  expect((await call('/desk/feed?customer=o1', { cookie })).text).not.toContain('SECRET');
  const theirs = await signIn(keys.other);
  expect((await call('/desk/customers/o1', { cookie: theirs.cookie })).text).toContain('Olive Outfitters');
});

test('a change without the CSRF token, or with another session\'s, is refused and changes nothing', async () => {
  const acme = (await signIn(keys.acme)).cookie!;
  const other = (await signIn(keys.other)).cookie!;
  const theirToken = await csrfOf(other);
  const changes: Array<[string, Record<string, string>]> = [
    ['/desk/remind', { target: 'overdue' }],
    ['/desk/payments', { customer: 'c1', amount: '5.00', date: '2026-11-20', mode: 'cash' }],
    ['/desk/disputes/1/resolve', { customer: 'c1' }],
    ['/desk/signout', {}],
  ];
  for (const [path, form] of changes) {
    for (const csrf of [undefined, '', theirToken, 'x'.repeat(32)]) {
      const answer = await call(path, { method: 'POST', cookie: acme, form: csrf === undefined ? form : { ...form, csrf } });
      expect(answer.status).toBe(403);
    }
    expect((await call(path, { method: 'POST', form: { ...form, csrf: await csrfOf(acme) } })).status).toBe(403);
  }
  // A remind with the right token and another organization's customer names nothing of theirs.
  const own = await call('/desk/remind', { method: 'POST', cookie: acme, form: { target: 'o1', csrf: await csrfOf(acme) } });
  expect(own.status).toBe(303);
  expect(decodeURIComponent(own.location!)).toContain('No such customer.');
  // Nothing happened: no reminder, no payment in the feed, still signed in.
  const page = await call('/desk', { cookie: acme });
  expect(page.text).toContain('No reminders yet.');
  expect(page.text).not.toContain('data-type="payment.recorded"');
  expect(page.text).toContain('Sign out');
});

test('huge and odd bodies are refused; a flood of wrong keys stops nothing', async () => {
  const huge = await rawPost(server.url, '/desk/session', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, streamBytes: 2 * 1024 * 1024 });
  expect(huge.status).toBe(413);
  expect((await rawPost(server.url, '/desk/session', { headers: { 'Content-Type': 'application/json' }, body: '{"key":"x"}' })).status).toBe(415);
  expect((await rawPost(server.url, '/desk/session', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'key=%E0%A4%A&key=1&&==' })).status).toBe(401);
  const flood = await Promise.all(Array.from({ length: 300 }, (_, i) => signIn(`mk_${String(i).padStart(12, '0')}_${'B'.repeat(43)}`)));
  expect(new Set(flood.map((f) => f.answer.status))).toEqual(new Set([401]));
  expect((await signIn(keys.acme)).answer.status).toBe(303);
  await stillServing(server.url);
});
