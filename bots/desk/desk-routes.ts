import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Eta } from 'eta';
import type restify from 'restify';
import { AppError } from '../../core/errors';
import { BUCKETS, offlinePaymentInput, type DeskScope, type OwesSort } from '../../core/facade/core';
import { formatMoney } from '../../core/money';
import type { DoorDeps } from '../door';
import { body } from '../http/body';

const COOKIE = 'desk';
const BUCKET_NAMES = ['Current', '1–30', '31–60', '61–90', 'Over 90'];
const SORTS = new Set<OwesSort>(['name', 'total', 'overdue', ...BUCKETS]);
const KINDS = ['payment', 'invoice.first_viewed', 'reminder', 'promise', 'dispute', 'contact', 'document', 'sync'];
const HTMX = fs.readFileSync(require.resolve('htmx.org/dist/htmx.min.js'));
const FORM_LIMIT = 16 * 1024;

const eta = new Eta({ views: path.join(__dirname, 'views'), cache: true, autoEscape: true, autoTrim: false });

/**
 * GET /desk, the merchant's page (merchant.md "The desk"): server-rendered (Eta templates), live
 * parts polled with htmx. Signed out, only the sign-in form. A session is a cookie (HttpOnly,
 * SameSite=Strict, Secure behind HTTPS, 12 hours); every change carries the session's CSRF token.
 */
export function registerDesk(server: restify.Server, { config, core, log }: DoorDeps): void {
  const secure = config.PUBLIC_BASE_URL.startsWith('https:');
  const page = (res: restify.Response, status: number, title: string, view: string, data: object, session?: { scope: DeskScope; csrf: string }) => {
    const bodyHtml = eta.render(`./${view}`, { ...data, ...helpers(session?.scope) });
    send(res, status, eta.render('./layout', { title, body: bodyHtml, orgName: session?.scope.orgName, csrf: session?.csrf }));
  };
  const fragment = (res: restify.Response, view: string, data: object, scope: DeskScope) => send(res, 200, eta.render(`./${view}`, { ...data, ...helpers(scope) }));

  /** The signed-in organization, or the sign-in page (for a page) or 401 (for a part of one). */
  const signedIn = async (req: restify.Request, res: restify.Response, { part = false } = {}) => {
    const token = cookieOf(req);
    const scope = token ? await core.desk.session(token) : null;
    if (scope && token) return { scope, token, csrf: core.desk.csrf(token) };
    if (part) send(res, 401, '<p>Signed out. <a href="/desk">Sign in again</a>.</p>');
    else page(res, 200, 'Sign in', 'signin', { demo: config.demoMode });
    return null;
  };
  /** A change: signed in and carrying the CSRF token, or refused (403) with nothing done. */
  const changing = async (req: restify.Request, res: restify.Response) => {
    const token = cookieOf(req);
    const scope = token ? await core.desk.session(token) : null;
    const form = (req.body ?? {}) as Record<string, string>;
    if (!scope || !token || !core.desk.checkCsrf(token, form.csrf)) {
      send(res, 403, '<p>That change was refused: sign in again from <a href="/desk">the desk</a> and try once more.</p>');
      return null;
    }
    return { scope, form };
  };

  server.get('/desk/assets/htmx.js', async (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=86400', 'X-Content-Type-Options': 'nosniff' });
    res.end(HTMX);
  });

  server.get('/desk', async (req, res) => {
    const session = await signedIn(req, res);
    if (!session) return;
    const { scope } = session;
    const q = req.query as Record<string, string | undefined>;
    const sort = SORTS.has(q.sort as OwesSort) ? (q.sort as OwesSort) : 'total';
    const dir = q.dir === 'asc' ? 'asc' : 'desc';
    const kind = KINDS.includes(q.kind ?? '') ? q.kind : undefined;
    const customer = q.customer?.trim().slice(0, 200) || undefined;
    const run = /^\d{1,9}$/.test(q.run ?? '') ? Number(q.run) : undefined;
    const [owes, feed, reminders, months, progress] = await Promise.all([
      core.desk.owes(scope, sort, dir === 'desc'), core.desk.feed(scope, { kind, customer }), core.desk.reminders(scope, { limit: 20 }), core.desk.months(scope),
      run === undefined ? null : core.desk.progress(scope, run),
    ]);
    page(res, 200, 'Who owes what', 'desk', {
      ...owes, feed, reminders, months, currency: scope.currency, sort, dir, kind, customer, run: progress ? run : undefined, progress, kinds: KINDS, csrf: session.csrf,
      today: core.desk.today(scope), notice: q.done?.slice(0, 200),
      columns: [{ key: 'name', label: 'Customer' }, ...BUCKETS.map((b, n) => ({ key: b, label: BUCKET_NAMES[n] })), { key: 'total', label: 'Total' }],
    }, session);
  });

  server.get('/desk/feed', async (req, res) => {
    const session = await signedIn(req, res, { part: true });
    if (!session) return;
    const q = req.query as Record<string, string | undefined>;
    const feed = await core.desk.feed(session.scope, { kind: KINDS.includes(q.kind ?? '') ? q.kind : undefined, customer: q.customer?.trim().slice(0, 200) || undefined });
    fragment(res, 'feed', { feed }, session.scope);
  });

  server.get('/desk/runs/:id', async (req, res) => {
    const session = await signedIn(req, res, { part: true });
    if (!session) return;
    const id = /^\d{1,9}$/.test(String(req.params.id)) ? Number(req.params.id) : -1;
    const p = await core.desk.progress(session.scope, id);
    fragment(res, 'progress', { p }, session.scope);
  });

  server.get('/desk/customers/:key', async (req, res) => {
    const session = await signedIn(req, res);
    if (!session) return;
    const key = String(req.params.key).slice(0, 200);
    const c = await core.desk.customer(session.scope, key);
    if (!c) return page(res, 404, 'Not found', 'notfound', {}, session);
    const [feed, reminders] = await Promise.all([core.desk.feed(session.scope, { customer: key, limit: 30 }), core.desk.reminders(session.scope, { customer: key, limit: 20 })]);
    const q = req.query as Record<string, string | undefined>;
    page(res, 200, c.name, 'customer', {
      c, feed, reminders, csrf: session.csrf, today: core.desk.today(session.scope), nonce: crypto.randomBytes(12).toString('hex'), notice: q.done?.slice(0, 200),
    }, session);
  });

  server.post('/desk/session', body('form', FORM_LIMIT), async (req, res) => {
    const form = (req.body ?? {}) as Record<string, string>;
    const key = typeof form.key === 'string' && form.key.length <= 200 ? form.key : '';
    const token = await core.desk.signIn(form.demo === '1' && !key ? null : key);
    if (!token) {
      log.info({ reqId: req.id() }, 'desk sign-in refused');
      return page(res, 401, 'Sign in', 'signin', { demo: config.demoMode, error: 'That key is not valid. Check it, or make a new one with npm run -s merchant-key.' });
    }
    res.writeHead(303, { Location: '/desk', 'Set-Cookie': cookie(token, 12 * 3600, secure), 'Cache-Control': 'no-store' });
    res.end();
  });

  server.post('/desk/signout', body('form', FORM_LIMIT), async (req, res) => {
    if (!(await changing(req, res))) return;
    res.writeHead(303, { Location: '/desk', 'Set-Cookie': cookie('', 0, secure), 'Cache-Control': 'no-store' });
    res.end();
  });

  server.post('/desk/remind', body('form', FORM_LIMIT), async (req, res) => {
    const change = await changing(req, res);
    if (!change) return;
    const target = String(change.form.target ?? '').slice(0, 200);
    try {
      const { runId, planned } = await core.desk.remind(change.scope, target === 'overdue' ? { overdue: true } : { customer: target });
      const queued = planned.filter((p) => p.outcome !== 'skipped').length;
      const skipped = planned.length - queued;
      const done = `Reminders: ${queued} on their way${skipped ? `, ${skipped} skipped (${[...new Set(planned.filter((p) => p.outcome === 'skipped').map((p) => p.reason))].join(', ')})` : ''}.`;
      redirect(res, `/desk?run=${runId}&done=${encodeURIComponent(done)}`);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') return redirect(res, `/desk?done=${encodeURIComponent('No such customer.')}`);
      throw err;
    }
  });

  server.post('/desk/payments', body('form', FORM_LIMIT), async (req, res) => {
    const change = await changing(req, res);
    if (!change) return;
    const f = change.form;
    const back = `/desk/customers/${encodeURIComponent(String(f.customer ?? '').slice(0, 200))}`;
    const parsed = offlinePaymentInput.safeParse({
      customer: f.customer, amount: f.amount, date: f.date, mode: f.mode, ...(f.reference ? { reference: f.reference } : {}),
      ...(f.invoice ? { invoices: [{ number: f.invoice, amount: f.amount }] } : {}),
    });
    if (!parsed.success) return redirect(res, `${back}?done=${encodeURIComponent(`Not recorded: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`)}`);
    try {
      const idempotency = typeof f.nonce === 'string' && /^[0-9a-f]{24}$/.test(f.nonce) ? `desk:${f.nonce}` : undefined;
      const p = await core.desk.recordPayment(change.scope, parsed.data, idempotency);
      redirect(res, `${back}?done=${encodeURIComponent(`Recorded ${p.number}: ${formatMoney(p.amount, p.currency, change.scope.locale)} by ${p.mode.replace('_', ' ')}.`)}`);
    } catch (err) {
      if (err instanceof AppError && ['bad_request', 'not_found', 'conflict'].includes(err.code)) return redirect(res, `${back}?done=${encodeURIComponent(`Not recorded: ${err.message}`)}`);
      throw err;
    }
  });

  server.post('/desk/disputes/:id/resolve', body('form', FORM_LIMIT), async (req, res) => {
    const change = await changing(req, res);
    if (!change) return;
    const back = `/desk/customers/${encodeURIComponent(String(change.form.customer ?? '').slice(0, 200))}`;
    const id = /^\d{1,9}$/.test(String(req.params.id)) ? Number(req.params.id) : -1;
    try {
      const done = await core.desk.resolveDispute(change.scope, id, typeof change.form.resolution === 'string' ? change.form.resolution : undefined);
      redirect(res, `${back}?done=${encodeURIComponent(`The dispute of ${done.invoice} is resolved; its reminders resume.`)}`);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') return redirect(res, `${back}?done=${encodeURIComponent('That dispute is not open.')}`);
      throw err;
    }
  });
}

function helpers(scope: DeskScope | undefined) {
  const locale = scope?.locale ?? 'en-US';
  return {
    buckets: BUCKETS, bucketNames: BUCKET_NAMES,
    money: (minor: bigint, currency: string) => formatMoney(minor, currency, locale),
    day: (d: Date) => d.toISOString().slice(0, 10),
    when: (d: Date) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: scope?.timezone ?? 'UTC' }).format(d),
  };
}

function send(res: restify.Response, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  });
  res.end(html);
}

function redirect(res: restify.Response, location: string): void {
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}

function cookie(value: string, maxAge: number, secure: boolean): string {
  return `${COOKIE}=${value}; Path=/desk; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

function cookieOf(req: restify.Request): string | undefined {
  const header = req.header('cookie') ?? '';
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}
