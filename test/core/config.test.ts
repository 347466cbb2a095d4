import { loadConfig } from '../../core/config';

test('no settings: demo mode on the embedded database, port 3978', () => {
  const config = loadConfig({});
  expect(config).toMatchObject({ PORT: 3978, PUBLIC_BASE_URL: 'http://localhost:3978', demoMode: true, LOG_LEVEL: 'info' });
  expect(config.DATABASE_URL).toBeUndefined();
});

test.each([
  [{ PORT: 'eighty' }, 'PORT'],
  [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
  [{ PUBLIC_BASE_URL: 'portal.example.com' }, 'PUBLIC_BASE_URL'],
  [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  [{ NODE_ENV: 'production' }, 'APP_SECRET'],
  [{ STRIPE_SECRET_KEY: 'sk_test_1' }, 'APP_SECRET'],
])('a wrong value stops the start naming the variable: %j', (env, name) => {
  expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid settings:\\n  ${name}:`));
});

test('a provider key turns demo mode off', () => {
  expect(loadConfig({ TWILIO_AUTH_TOKEN: 't', APP_SECRET: 'x'.repeat(32) }).demoMode).toBe(false);
});

test('a database of its own turns demo mode off: APP_SECRET is required and the data counts as real', () => {
  expect(() => loadConfig({ DATABASE_URL: 'postgres://db/portal' })).toThrow(/APP_SECRET: required outside demo mode/);
  const config = loadConfig({ DATABASE_URL: 'postgres://db/portal', APP_SECRET: 'x'.repeat(32), ADMIN_API_KEY: 'k'.repeat(24) });
  expect(config).toMatchObject({ demoMode: false, realData: true, HOST: '0.0.0.0' });
});

test('DEMO=1 asks for demo mode on PostgreSQL too, and never in production', () => {
  expect(loadConfig({ DATABASE_URL: 'postgres://db/portal', DEMO: '1' })).toMatchObject({ demoMode: true, realData: false, HOST: '127.0.0.1' });
  expect(() => loadConfig({ DEMO: '1', NODE_ENV: 'production', APP_SECRET: 'x'.repeat(32) })).toThrow(/DEMO: cannot be on with NODE_ENV=production/);
});

test('PUBLIC_BASE_URL follows PORT unless set; HOST is 127.0.0.1 in the demo, all interfaces elsewhere, or as set', () => {
  expect(loadConfig({ PORT: '8080' })).toMatchObject({ PUBLIC_BASE_URL: 'http://localhost:8080', HOST: '127.0.0.1' });
  expect(loadConfig({ PORT: '8080', PUBLIC_BASE_URL: 'https://portal.example.com/' }).PUBLIC_BASE_URL).toBe('https://portal.example.com');
  expect(loadConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  expect(loadConfig({ NODE_ENV: 'production', APP_SECRET: 'x'.repeat(32) }).HOST).toBe('0.0.0.0');
});
