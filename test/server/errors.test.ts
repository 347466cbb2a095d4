import { startApp } from '../support/app';

test('a request whose handler fails answers 500 for itself alone, with nothing of the failure in the body', async () => {
  const app = await startApp({ ADMIN_API_KEY: 'operator-key-that-is-long-enough-0123456789' });
  try {
    // The database goes away under the server: every request that needs it fails.
    await app.db.prisma.$executeRawUnsafe('DROP TABLE "Payment" CASCADE');
    const res = await fetch(`${app.url}/admin/payments`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer operator-key-that-is-long-enough-0123456789' },
      body: JSON.stringify({ org: 'acme', customer: 'c1', amount: '10.00', date: '2026-11-20', mode: 'cash' }),
    });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'Something went wrong on our side.' });
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  } finally {
    await app.close();
  }
}, 60_000);
